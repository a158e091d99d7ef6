#!/usr/bin/env bash
# The main job on the bundled default: installs what is missing, builds, then quantizes the bundled
# Fashion-MNIST classifier (models/fashion_mnist/fmnist_cnn.onnx, trained with PyTorch) in every mode
# litequant has, calibrated on 1,000 seeded training images of Debian's dataset-fashion-mnist, and
# prints one table: each model's size, test accuracy on the 10,000 test images, and agreement, SQNR
# and cosine of its logits against the float model's, with the time per image.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/setup.sh"
bash "$root/scripts/build.sh"
lq="$root/build/litequant"
model="$root/models/fashion_mnist/fmnist_cnn.onnx"
data=/usr/share/datasets/fashion-mnist
out="$root/build/demo"
mkdir -p "$out"
# The preprocessing the model was trained with (models/fashion_mnist/README.md).
prep=(--scale 0.00392156862745098 --mean 0.2860 --std 0.3530)
calib=(--data "$data/train-images-idx3-ubyte.gz" "${prep[@]}" --samples 1000 --seed 0)

"$lq" convert "$model" -o "$out/float.tflite"
quantize() {  # NAME ARGS...: writes $out/NAME.tflite
    local name=$1
    shift
    echo "== litequant quantize --mode $*"
    "$lq" quantize "$model" -o "$out/$name.tflite" --mode "$@"
}
quantize float16 float16
quantize dynamic dynamic
quantize int8 int8 "${calib[@]}"
quantize int8_per_tensor int8 --per-tensor "${calib[@]}"
quantize int16x8 int16x8 "${calib[@]}"
echo
echo "== litequant eval (all 10,000 test images; agreement, SQNR and cosine against float.tflite)"
"$lq" eval "$out"/{float,float16,dynamic,int8,int8_per_tensor,int16x8}.tflite \
    --data "$data/t10k-images-idx3-ubyte.gz" --labels "$data/t10k-labels-idx1-ubyte.gz" "${prep[@]}"
