// RESIZE_BILINEAR, float, as XNNPACK computes it (LiteRT.js runs it through XNNPACK, and a
// last-bit difference matters downstream: a hybrid op quantizes its input on the fly). The source
// coordinate is out * scale, or with half_pixel_centers out * scale + (0.5 scale - 0.5) clamped to
// [0, in - 1]; lo is its integer part, hi = min(lo + 1, in - 1), and the weight of hi the
// fractional part. The blend is two lerps along x, then one along y: top = tl + (tr - tl) wx,
// bottom = bl + (br - bl) wx, out = top + (bottom - top) wy. align_corners scales
// (in - 1) / (out - 1) and excludes half_pixel_centers.
#include <algorithm>

#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

struct Source {
  int32_t lo = 0, hi = 0;
  float weight = 0;  // of hi
};

Source source(int32_t out_index, float scale, bool half_pixel_centers, int32_t in_size) {
  const float last = static_cast<float>(in_size - 1);
  float pos = static_cast<float>(out_index) * scale;
  if (half_pixel_centers) pos = std::clamp(pos + (0.5f * scale - 0.5f), 0.0f, last);
  Source s;
  s.lo = static_cast<int32_t>(pos);  // pos >= 0: truncation is the floor
  s.hi = std::min(s.lo + 1, in_size - 1);
  s.weight = pos - static_cast<float>(s.lo);
  return s;
}

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeBilinearOptionsT>();
  ctx.check(!(options.align_corners && options.half_pixel_centers),
            "align_corners and half_pixel_centers cannot both be set");
  prepare_resize_float(ctx, options.align_corners, options.half_pixel_centers);
}

void eval(OpContext& ctx) {
  const ResizeState& s = ctx.state<ResizeState>();
  const TensorBuffer& input = ctx.input(0);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  float* out = output.as<float>();
  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t depth = input.dim(3);
  const int32_t out_h = output.dim(1), out_w = output.dim(2);
  const float scale_h = resize_scale(in_h, out_h, s.align_corners);
  const float scale_w = resize_scale(in_w, out_w, s.align_corners);

  int64_t o = 0;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_h; ++y) {
      const Source sy = source(y, scale_h, s.half_pixel_centers, in_h);
      for (int32_t x = 0; x < out_w; ++x) {
        const Source sx = source(x, scale_w, s.half_pixel_centers, in_w);
        const float* top_left = in + offset4(input.shape, b, sy.lo, sx.lo, 0);
        const float* bottom_left = in + offset4(input.shape, b, sy.hi, sx.lo, 0);
        const float* top_right = in + offset4(input.shape, b, sy.lo, sx.hi, 0);
        const float* bottom_right = in + offset4(input.shape, b, sy.hi, sx.hi, 0);
        for (int32_t c = 0; c < depth; ++c) {
          const float top = top_left[c] + (top_right[c] - top_left[c]) * sx.weight;
          const float bottom = bottom_left[c] + (bottom_right[c] - bottom_left[c]) * sx.weight;
          out[o++] = top + (bottom - top) * sy.weight;
        }
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
