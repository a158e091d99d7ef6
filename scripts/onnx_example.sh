#!/usr/bin/env bash
# The README's ONNX worked example: a PyTorch classifier exported to ONNX (models/fashion_mnist) is
# converted to .tflite, inspected, and run on the first Fashion-MNIST test image, next to ONNX Runtime
# on the original .onnx. Run scripts/setup.sh and scripts/build.sh first.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$root/scripts/env.sh"
out=$root/build/onnx_example
mkdir -p "$out"
lq=$root/build/litequant
onnx=$root/models/fashion_mnist/fmnist_cnn.onnx
"$lq" convert "$onnx" -o "$out/fmnist_cnn.tflite"
"$lq" inspect "$out/fmnist_cnn.tflite"
# The first test image, preprocessed as the model's README says: (pixel / 255 - 0.2860) / 0.3530;
# [1,28,28,1] for the .tflite (NHWC) and [1,1,28,28] for ONNX Runtime: the same bytes.
NPY_MJS=$root/tools/oracle/npy.mjs OUT=$out node --input-type=module -e '
const { writeNpy } = await import(process.env.NPY_MJS);
const fs = await import("node:fs"), zlib = await import("node:zlib");
const idx = zlib.gunzipSync(fs.readFileSync("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz"));
const x = new Float32Array(784).map((_, i) => (idx[16 + i] / 255 - 0.2860) / 0.3530);
writeNpy(`${process.env.OUT}/image_nhwc.npy`, "<f4", [1, 28, 28, 1], Buffer.from(x.buffer));
writeNpy(`${process.env.OUT}/image_nchw.npy`, "<f4", [1, 1, 28, 28], Buffer.from(x.buffer));'
echo
echo "== litequant run (converted .tflite), first test image (label 9, ankle boot)"
"$lq" run "$out/fmnist_cnn.tflite" --input "$out/image_nhwc.npy" --output-dir "$out/litequant" --top 3
echo "== ONNX Runtime (original .onnx), same image"
node "$root/tools/oracle/ort_run.mjs" "$onnx" --input "$out/image_nchw.npy" --output-dir "$out/ort"
NPY_MJS=$root/tools/oracle/npy.mjs OUT=$out node --input-type=module -e '
const { readNpy } = await import(process.env.NPY_MJS);
const y = readNpy(`${process.env.OUT}/ort/output_0.npy`);
const v = new Float32Array(y.data.buffer, y.data.byteOffset, 10);
[...v.keys()].sort((a, b) => v[b] - v[a]).slice(0, 3).forEach((k) => console.log(`  [${k}] ${v[k].toPrecision(6)}`));'
