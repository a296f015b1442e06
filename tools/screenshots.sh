#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Saves PNG screenshots of corral-studio into OUT_DIR, for the README and for review. Runs
# the studio under Xvfb once per picture with its --screenshot option: the Templates page in
# the light and dark palettes at normal and double scale, in German, a search without
# matches, and the error panel for a broken templates folder.
#
# Usage: tools/screenshots.sh OUT_DIR
#   STUDIO=path/to/corral-studio   the binary to run (default: build/app/corral-studio)
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: tools/screenshots.sh OUT_DIR" >&2
    exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
studio=${STUDIO:-$root/build/app/corral-studio}
if [ ! -x "$studio" ]; then
    echo "screenshots: $studio does not exist; build it first (cmake --build --preset default) or set STUDIO" >&2
    exit 2
fi
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }
mkdir -p "$out"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# shot NAME SCALE ARGS...: one picture, in English unless SHOT_LANG names another locale;
# environment variables set before the call apply.
shot() {
    local name=$1 scale=$2 lang=${SHOT_LANG:-en_US.UTF-8}
    shift 2
    # A screen large enough for the window at double scale; one server per picture keeps
    # the runs independent.
    xvfb-run -a -s "-screen 0 3000x2000x24 -dpi 96" \
        env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR="$scale" LANG="$lang" LC_ALL="$lang" LANGUAGE= \
        "$studio" --screenshot "$out/$name.png" "$@"
    echo "screenshots: $out/$name.png"
}

shot templates-light 1 --color-scheme light
shot templates-dark 1 --color-scheme dark
shot templates-light-2x 2 --color-scheme light
shot templates-dark-2x 2 --color-scheme dark
shot templates-selected 1 --color-scheme light --select sales-summarizer
SHOT_LANG=de_DE.UTF-8 shot templates-de 1 --color-scheme light
shot templates-search 1 --color-scheme light --search "summar"
shot templates-no-match 1 --color-scheme light --search "xyz"
shot templates-no-match-dark 1 --color-scheme dark --search "xyz"

# A templates folder with one unreadable template shows the error panel.
mkdir -p "$work/data/templates/broken-template"
printf '{\n  "id": "broken-template",\n  "title": \n' >"$work/data/templates/broken-template/template.json"
CORRAL_DATA_DIR="$work/data" shot templates-error 1 --color-scheme light
CORRAL_DATA_DIR="$work/data" shot templates-error-dark 1 --color-scheme dark
