#!/usr/bin/env bash
# Configures and builds litequant: scripts/build.sh [BUILD_DIR] [extra cmake arguments...]
# Warnings are errors here, as in CI.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
shift || true
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DLQ_WERROR=ON "$@" >/dev/null
ninja -C "$build" --quiet
