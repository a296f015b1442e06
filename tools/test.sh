#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what Corral needs, builds everything and runs the whole test suite with CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
ctest --preset default "$@"
