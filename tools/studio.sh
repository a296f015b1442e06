#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs what Corral needs, builds it and starts the studio (it starts its own agent;
# SQLite and the offline local model need no set-up).
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default
exec ./build/app/corral-studio "$@"
