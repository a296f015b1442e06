#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs every Debian 12 package Corral needs to build, run and test.
# Idempotent; run as root (or via sudo). Skips apt entirely when all are present.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git file dpkg-dev
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libqt6sql6-psql
    qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev libqt6svg6
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
    qt6-qpa-plugins libgl-dev libqt6opengl6-dev
    libqscintilla2-qt6-dev
    libsodium-dev libssl-dev libsqlite3-dev libvalijson-dev libarchive-dev zlib1g-dev
    libphonenumber-dev
    qtkeychain-qt6-dev gnome-keyring dbus-daemon dbus-bin
    libbenchmark-dev
    minisign openssl
    postgresql
    xvfb xauth x11-apps imagemagick fonts-dejavu-core
    appstream desktop-file-utils
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages present"
    exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
