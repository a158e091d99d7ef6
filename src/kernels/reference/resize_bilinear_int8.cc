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

// One output row or column: the two source indices and the weight of `hi` in fixed point (11 bits
// for XNNPACK; TFLite keeps the 10-bit position and derives both weights from it).
struct Tap {
  int32_t lo = 0, hi = 0;
  int32_t weight = 0;
};

struct ResizeInt8State {
  bool xnnpack = true;
  std::vector<Tap> rows, cols;
};

std::vector<Tap> xnnpack_taps(int32_t in, int32_t out, bool align_corners, bool half_pixel) {
  const int32_t adjust = align_corners && out != 1 ? 1 : 0;
  const float scale = static_cast<float>(in - adjust) / static_cast<float>(out - adjust);
  const float offset = 0.5f * scale - 0.5f;
  std::vector<Tap> taps;
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

std::vector<Tap> tflite_taps(int32_t in, int32_t out, bool align_corners, bool half_pixel) {
  int32_t scale = ((1 << 10) * in + out / 2) / out;
  if (align_corners && out > 1) scale = ((1 << 10) * (in - 1) + (out - 1) / 2) / (out - 1);
  std::vector<Tap> taps;
  for (int32_t i = 0; i < out; ++i) {
    const int32_t p = half_pixel ? i * scale + scale / 2 - (1 << 9) : i * scale;
    const int32_t lo = std::max(p / (1 << 10), 0);
    const int32_t hi = std::min((p + (1 << 10) - 1) / (1 << 10), in - 1);
    taps.push_back({lo, hi, p - (1 << 10) * lo});
  }
  return taps;
}

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeBilinearOptionsT>();
  ctx.check(!(options.align_corners && options.half_pixel_centers),
            "align_corners and half_pixel_centers cannot both be set");
  prepare_resize(ctx, ElementType::kInt8, options.align_corners, options.half_pixel_centers);
  int8_equal_input_output(ctx);

  const TensorBuffer& input = ctx.input(0);
  const Shape& out_shape = ctx.output(0).shape;
  ResizeInt8State& s = ctx.make_state<ResizeInt8State>();
  s.xnnpack = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  const auto taps = s.xnnpack ? xnnpack_taps : tflite_taps;
  s.rows = taps(input.dim(1), out_shape[1], options.align_corners, options.half_pixel_centers);
  s.cols = taps(input.dim(2), out_shape[2], options.align_corners, options.half_pixel_centers);
}

int8_t xnnpack_blend(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t wx, int32_t wy) {
  const int32_t top = tl * 2048 + (tr - tl) * wx;  // |.| < 2^19: no overflow below
  const int32_t bottom = bl * 2048 + (br - bl) * wx;
  const int32_t acc = top * 2048 + (bottom - top) * wy;
  return static_cast<int8_t>((acc + (1 << 21)) >> 22);
}

int8_t tflite_blend(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t px, int32_t py) {
  constexpr int64_t kOne = 1 << 10;
  const int64_t sum = tl * (kOne - py) * (kOne - px) + bl * py * (kOne - px) +
                      tr * (kOne - py) * px + br * py * px;
  const int64_t half = sum > 0 ? (1 << 19) : -(1 << 19);
  return static_cast<int8_t>((sum + half) / (1 << 20));
}

void eval(OpContext& ctx) {
  const ResizeInt8State& s = ctx.state<ResizeInt8State>();
  const TensorBuffer& input = ctx.input(0);
  const int8_t* in = input.as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  const int32_t batches = input.dim(0), depth = input.dim(3);
  const auto blend = s.xnnpack ? xnnpack_blend : tflite_blend;
  for (int32_t b = 0; b < batches; ++b) {
    for (const Tap& row : s.rows) {
      for (const Tap& col : s.cols) {
        const int8_t* tl = in + offset4(input.shape, b, row.lo, col.lo, 0);
        const int8_t* tr = in + offset4(input.shape, b, row.lo, col.hi, 0);
        const int8_t* bl = in + offset4(input.shape, b, row.hi, col.lo, 0);
        const int8_t* br = in + offset4(input.shape, b, row.hi, col.hi, 0);
        for (int32_t c = 0; c < depth; ++c)
          *out++ = blend(tl[c], tr[c], bl[c], br[c], col.weight, row.weight);
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
