#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: unit tests, real models against LiteRT.js and
# ONNX Runtime, ONNX conformance (Release build, warnings as errors), then the unit tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer. The measured figures are printed even when a test
# fails; the exit code is the first failure's.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
jobs=$(nproc)

echo "== build (Release, -Werror)"
bash "$root/scripts/build.sh" "$root/build"
echo "== tests"
status=0
ctest --test-dir "$root/build" --output-on-failure -j "$jobs" || status=$?
echo "== measured figures (from the tests' [ figure ] lines)"
grep -h "\[ figure \]" "$root/build/Testing/Temporary/LastTest.log" || true

echo "== build (AddressSanitizer + UndefinedBehaviorSanitizer)"
bash "$root/scripts/build.sh" "$root/build-asan" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLQ_SANITIZE=ON
echo "== unit and ONNX conformance tests under sanitizers"
ctest --test-dir "$root/build-asan" --output-on-failure -j "$jobs" -L "unit|conformance" || status=$?
exit "$status"
