#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests and real models against LiteRT.js
# (Release build, warnings as errors), then the unit tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
jobs=$(nproc)

echo "== build (Release, -Werror)"
bash "$root/scripts/build.sh" "$root/build"
echo "== tests"
ctest --test-dir "$root/build" --output-on-failure -j "$jobs"
echo "== measured agreement with LiteRT.js (from the real-model tests)"
grep -h "\[ figure \]" "$root/build/Testing/Temporary/LastTest.log" || true

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer, unit tests)"
bash "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLQ_SANITIZE=ON
echo "== unit tests under sanitizers"
ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs" -L unit
