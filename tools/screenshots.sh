#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Saves PNG screenshots of corral-studio into OUT_DIR, for the README and for review. Runs
# the studio under Xvfb once per picture with its --screenshot option: the Templates page in
# the light and dark palettes at normal and double scale, in German, a search without
# matches, and the error panel for a broken templates folder; then, against the demo agent
# (tests/ui/DemoAgent.h: canned apps, runs, audit records, usage and policy), every other
# page (Activity, Policy and My apps also in German, for the length of the translations),
# each step of the New app wizard, a finished run and the confirmation dialog.
#
# Usage: tools/screenshots.sh OUT_DIR
#   STUDIO=path/to/corral-studio   the binary to run (default: build/app/corral-studio)
#   DEMO_AGENT=path/to/corral-demo-agent (default: build/tests/ui/corral-demo-agent)
set -euo pipefail

if [ $# -ne 1 ]; then
    echo "usage: tools/screenshots.sh OUT_DIR" >&2
    exit 2
fi
out=$1
root=$(cd "$(dirname "$0")/.." && pwd)
studio=${STUDIO:-$root/build/app/corral-studio}
demo_agent=${DEMO_AGENT:-$(dirname "$(dirname "$studio")")/tests/ui/corral-demo-agent}
if [ ! -x "$studio" ]; then
    echo "screenshots: $studio does not exist; build it first (cmake --build --preset default) or set STUDIO" >&2
    exit 2
fi
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (Debian package xvfb)" >&2; exit 2; }
mkdir -p "$out"

work=$(mktemp -d)
demo_pid=
cleanup() {
    if [ -n "$demo_pid" ]; then kill "$demo_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

# shot NAME SCALE ARGS...: one picture, in English unless SHOT_LANG names another locale;
# environment variables set before the call apply.
shot() {
    local name=$1 scale=$2 lang=${SHOT_LANG:-en_US.UTF-8}
    shift 2
    # A screen large enough for the window at double scale; one server per picture keeps
    # the runs independent.
    xvfb-run -a -s "-screen 0 3000x2000x24 -dpi 96" \
        env QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR="$scale" LANG="$lang" LC_ALL="$lang" LANGUAGE= \
        "$studio" --screenshot "$out/$name.png" ${SHOT_SOCKET:+--socket "$SHOT_SOCKET"} "$@"
    echo "screenshots: $out/$name.png"
}

# Every picture talks to the demo agent, which serves canned data on a private socket.
if [ ! -x "$demo_agent" ]; then
    echo "screenshots: $demo_agent does not exist; build the corral-demo-agent target or set DEMO_AGENT" >&2
    exit 2
fi
socket="$work/demo-agent.sock"
"$demo_agent" "$socket" &
demo_pid=$!
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
export SHOT_SOCKET=$socket

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


shot apps 1 --color-scheme light --page apps --select-app sales-summarizer --screenshot-delay 800
shot apps-dark 1 --color-scheme dark --page apps --select-app sales-summarizer --screenshot-delay 800
shot run-finished 1 --color-scheme light --page apps --select-app sales-summarizer --run --auto-confirm allow-once \
    --screenshot-delay 2500
shot run-denied 1 --color-scheme light --page apps --select-app sales-summarizer --run --auto-confirm deny \
    --screenshot-delay 2500
shot confirm-dialog 1 --color-scheme light --page apps --select-app sales-summarizer --run --screenshot-delay 2200
shot confirm-dialog-dark 1 --color-scheme dark --page apps --select-app sales-summarizer --run --screenshot-delay 2200
SHOT_LANG=de_DE.UTF-8 shot confirm-dialog-de 1 --color-scheme light --page apps --select-app sales-summarizer --run \
    --screenshot-delay 2200
shot activity 1 --color-scheme light --page activity --screenshot-delay 800
shot activity-dark 1 --color-scheme dark --page activity --screenshot-delay 800
shot usage 1 --color-scheme light --page usage --screenshot-delay 800
shot usage-dark 1 --color-scheme dark --page usage --screenshot-delay 800
shot grants 1 --color-scheme light --page grants --screenshot-delay 800
shot policy 1 --color-scheme light --page policy --screenshot-delay 800
shot policy-dark 1 --color-scheme dark --page policy --screenshot-delay 800
SHOT_LANG=de_DE.UTF-8 shot policy-de 1 --color-scheme light --page policy --screenshot-delay 800
SHOT_LANG=de_DE.UTF-8 shot activity-de 1 --color-scheme light --page activity --screenshot-delay 800
SHOT_LANG=de_DE.UTF-8 shot apps-de 1 --color-scheme light --page apps --select-app sales-summarizer \
    --screenshot-delay 800
SHOT_LANG=de_DE.UTF-8 shot usage-de 1 --color-scheme light --page usage --screenshot-delay 800
step=0
for name in template purpose connectors model data-handling review; do
    shot "wizard-$step-$name" 1 --color-scheme light --wizard sales-summarizer --wizard-step "$step" \
        --screenshot-delay 900
    step=$((step + 1))
done
shot wizard-5-review-dark 1 --color-scheme dark --wizard sales-summarizer --wizard-step 5 --screenshot-delay 900
SHOT_LANG=de_DE.UTF-8 shot wizard-2-connectors-de 1 --color-scheme light --wizard sales-summarizer --wizard-step 2 \
    --screenshot-delay 900
