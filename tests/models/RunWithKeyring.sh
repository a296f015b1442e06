#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs a test program inside a private D-Bus session with a fresh, unlocked GNOME Keyring
# (Secret Service) whose files live in a temporary folder; without dbus-run-session or
# gnome-keyring-daemon the program runs as it is (and skips what needs a keychain).
set -eu
if ! command -v dbus-run-session >/dev/null 2>&1 || ! command -v gnome-keyring-daemon >/dev/null 2>&1 ||
    ! command -v dbus-send >/dev/null 2>&1; then
    exec "$@"
fi
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
mkdir -m 0700 "$home/run"
export HOME="$home" XDG_DATA_HOME="$home/data" XDG_RUNTIME_DIR="$home/run"
dbus-run-session -- sh -c '
    printf "corral-test" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
    keyring=$!
    for i in $(seq 50); do
        dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
            org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break
        sleep 0.1
    done
    status=0
    "$@" || status=$?
    kill "$keyring" 2>/dev/null || true
    exit $status' sh "$@"
