// RESIZE_BILINEAR, float, as TFLite's reference: the source coordinate is out * scale, or
// (out + 0.5) * scale - 0.5 with half_pixel_centers; its floor (clamped at 0) and ceil (clamped at
// the last row or column) are blended with weights taken from that coordinate, so a coordinate
// below 0 reproduces the first row. align_corners scales (in - 1) / (out - 1) and excludes
// half_pixel_centers.
#include <cmath>

#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

struct Source {
  float pos = 0;
  int32_t lo = 0, hi = 0;
};

Source source(int32_t out_index, float scale, bool half_pixel_centers, int32_t in_size) {
  Source s;
  const float value = static_cast<float>(out_index);
  s.pos = half_pixel_centers ? (value + 0.5f) * scale - 0.5f : value * scale;
  s.lo = std::max(static_cast<int32_t>(std::floor(s.pos)), 0);
  s.hi = std::min(static_cast<int32_t>(std::ceil(s.pos)), in_size - 1);
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
      const float dy = sy.pos - static_cast<float>(sy.lo);
      for (int32_t x = 0; x < out_w; ++x) {
        const Source sx = source(x, scale_w, s.half_pixel_centers, in_w);
        const float dx = sx.pos - static_cast<float>(sx.lo);
        const float* top_left = in + offset4(input.shape, b, sy.lo, sx.lo, 0);
        const float* bottom_left = in + offset4(input.shape, b, sy.hi, sx.lo, 0);
        const float* top_right = in + offset4(input.shape, b, sy.lo, sx.hi, 0);
        const float* bottom_right = in + offset4(input.shape, b, sy.hi, sx.hi, 0);
        for (int32_t c = 0; c < depth; ++c) {
          // The same products and sum order as TFLite's reference.
          out[o++] = top_left[c] * (1 - dy) * (1 - dx) + bottom_left[c] * dy * (1 - dx) +
                     top_right[c] * (1 - dy) * dx + bottom_right[c] * dy * dx;
        }
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
