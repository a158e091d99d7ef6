// RESIZE_NEAREST_NEIGHBOR, float, as TFLite's reference: the source index is
// floor((out + offset) * scale), or round((out + offset) * scale) with align_corners, where offset
// is 0.5 with half_pixel_centers and 0 otherwise; it is clamped to the last index (and to 0 with
// half_pixel_centers).
#include <cmath>

#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

int32_t nearest(int32_t out_index, float scale, const ResizeState& s, int32_t in_size) {
  const float offset = s.half_pixel_centers ? 0.5f : 0.0f;
  const float pos = (static_cast<float>(out_index) + offset) * scale;
  int32_t index = static_cast<int32_t>(s.align_corners ? std::round(pos) : std::floor(pos));
  index = std::min(index, in_size - 1);
  if (s.half_pixel_centers) index = std::max(index, 0);
  return index;
}

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeNearestNeighborOptionsT>();
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

  float* dst = out;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_h; ++y) {
      const int32_t iy = nearest(y, scale_h, s, in_h);
      for (int32_t x = 0; x < out_w; ++x) {
        const int32_t ix = nearest(x, scale_w, s, in_w);
        const float* src = in + offset4(input.shape, b, iy, ix, 0);
        std::copy(src, src + depth, dst);
        dst += depth;
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_NEAREST_NEIGHBOR, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
