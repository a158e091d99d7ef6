// RESIZE_BILINEAR, int8 (NHWC): interpolates raw int8 values, so input and output must share their
// per-tensor quantization. The source position of each output row and column, and its weights, are
// fixed-point; the two runtimes differ in both:
//  - Arithmetic::kRuntime, XNNPACK's s8 ibilinear, which LiteRT.js runs (ARITHMETIC.md; measured
//    again in tests/models/int8_data_kernels_test.cc for align_corners, half_pixel_centers and
//    neither): position p = out * scale in float32, or out * scale + (scale / 2 - 1/2) clamped to
//    [0, in - 1] with half_pixel_centers; lo = trunc(p), hi = min(lo + 1, in - 1), weight
//    w = rint((p - lo) * 2^11). Rows first, one rounding at the end:
//      top = (tl << 11) + (tr - tl) * wx,  bottom likewise
//      y   = ((top << 11) + (bottom - top) * wy + 2^21) >> 22      (arithmetic shift)
//  - kTfliteReference, TFLite's ResizeBilinearInteger: a 10-bit scale s = round(2^10 * in / out)
//    (with align_corners (in - 1) / (out - 1)); p = out * s, or out * s + s / 2 - 2^9;
//    lo = max(p / 2^10, 0), hi = min(ceil(p / 2^10), in - 1) (C division); the four products of
//    value and 10-bit weights summed in int64 and divided by 2^20, rounding half away from zero.
#include <cmath>

#include "kernels/reference/quantized.h"
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

// XNNPACK's taps: weights of hi in 2^-11 units.
std::vector<IntegerResizeTap> xnnpack_taps(int32_t in, int32_t out, bool align_corners,
                                           bool half_pixel) {
  const int32_t adjust = align_corners && out != 1 ? 1 : 0;
  const float scale = static_cast<float>(in - adjust) / static_cast<float>(out - adjust);
  const float offset = 0.5f * scale - 0.5f;
  std::vector<IntegerResizeTap> taps;
  for (int32_t i = 0; i < out; ++i) {
    float p = static_cast<float>(i) * scale;
    if (half_pixel && !align_corners)
      p = std::min(std::max(p + offset, 0.0f), static_cast<float>(in - 1));
    const int32_t lo = static_cast<int32_t>(p);
    const float alpha = p - static_cast<float>(lo);
    taps.push_back({lo, std::min(lo + 1, in - 1),
                    static_cast<int32_t>(std::lrint(alpha * 2048.0f))});
  }
  return taps;
}

int32_t xnnpack_blend(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t wx, int32_t wy) {
  const int32_t top = tl * 2048 + (tr - tl) * wx;  // |.| < 2^19: no overflow below
  const int32_t bottom = bl * 2048 + (br - bl) * wx;
  const int32_t acc = top * 2048 + (bottom - top) * wy;
  return (acc + (1 << 21)) >> 22;
}

void prepare(OpContext& ctx) {
  if (ctx.arithmetic() == arith::Arithmetic::kRuntime)
    prepare_integer_resize_bilinear(ctx, ElementType::kInt8, xnnpack_taps, xnnpack_blend);
  else
    prepare_integer_resize_bilinear(ctx, ElementType::kInt8, tflite_resize_taps,
                                    tflite_resize_blend);
  int8_equal_input_output(ctx);
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kInt8, kReference, prepare,
                   eval_integer_resize_bilinear<int8_t>);

}  // namespace lq::ref
