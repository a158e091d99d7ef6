#include "kernels/reference/resize.h"

#include <cmath>
#include <cstring>

namespace lq::ref {
namespace {

// TFLite's nearest source index: floor((out + offset) * scale), or round(...) with align_corners,
// where offset is 0.5 with half_pixel_centers and 0 otherwise; clamped to the last index (and to 0
// with half_pixel_centers).
int32_t nearest_source_index(int32_t out_index, float scale, const ResizeState& s,
                             int32_t in_size) {
  const float offset = s.half_pixel_centers ? 0.5f : 0.0f;
  const float pos = (static_cast<float>(out_index) + offset) * scale;
  int32_t index = static_cast<int32_t>(s.align_corners ? std::round(pos) : std::floor(pos));
  index = std::min(index, in_size - 1);
  if (s.half_pixel_centers) index = std::max(index, 0);
  return index;
}

}  // namespace

void prepare_resize_float(OpContext& ctx, bool align_corners, bool half_pixel_centers) {
  prepare_resize(ctx, ElementType::kFloat32, align_corners, half_pixel_centers);
}

void prepare_resize(OpContext& ctx, ElementType type, bool align_corners, bool half_pixel_centers) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& size = ctx.input(1);
  check_type(ctx, input, type);
  check_type(ctx, size, ElementType::kInt32);
  check_type(ctx, ctx.output(0), type);
  check_rank(ctx, input, 4);
  const std::vector<int64_t> hw = read_int_tensor(ctx, 1);
  ctx.check(hw.size() == 2, "size '", size.name(), "' has ", hw.size(),
            " elements, expected 2 (height, width)");
  check_positive(ctx, hw[0], "output height");
  check_positive(ctx, hw[1], "output width");
  ctx.set_output_shape(0, {input.dim(0), static_cast<int32_t>(hw[0]), static_cast<int32_t>(hw[1]),
                           input.dim(3)});
  ResizeState& state = ctx.make_state<ResizeState>();
  state.align_corners = align_corners;
  state.half_pixel_centers = half_pixel_centers;
}

}  // namespace lq::ref

namespace lq::ref {

void eval_resize_nearest(OpContext& ctx, size_t element_size) {
  const ResizeState& s = ctx.state<ResizeState>();
  const TensorBuffer& input = ctx.input(0);
  TensorBuffer& output = ctx.output(0);
  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const size_t pixel_bytes = static_cast<size_t>(input.dim(3)) * element_size;
  const int32_t out_h = output.dim(1), out_w = output.dim(2);
  const float scale_h = resize_scale(in_h, out_h, s.align_corners);
  const float scale_w = resize_scale(in_w, out_w, s.align_corners);

  uint8_t* dst = output.data;
  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t y = 0; y < out_h; ++y) {
      const int32_t iy = nearest_source_index(y, scale_h, s, in_h);
      for (int32_t x = 0; x < out_w; ++x) {
        const int32_t ix = nearest_source_index(x, scale_w, s, in_w);
        const int64_t pixel = offset4(input.shape, b, iy, ix, 0);
        if (pixel_bytes > 0)
          std::memcpy(dst, input.data + static_cast<size_t>(pixel) * element_size, pixel_bytes);
        dst += pixel_bytes;
      }
    }
  }
}

void prepare_integer_resize_bilinear(OpContext& ctx, ElementType type, ResizeTapsFn taps,
                                     ResizeBlendFn blend) {
  const auto& options = ctx.options<tflite::ResizeBilinearOptionsT>();
  ctx.check(!(options.align_corners && options.half_pixel_centers),
            "align_corners and half_pixel_centers cannot both be set");
  prepare_resize(ctx, type, options.align_corners, options.half_pixel_centers);
  const TensorBuffer& input = ctx.input(0);
  const Shape& out_shape = ctx.output(0).shape;
  IntegerResizeBilinearState& s = ctx.make_state<IntegerResizeBilinearState>();
  s.rows = taps(input.dim(1), out_shape[1], options.align_corners, options.half_pixel_centers);
  s.cols = taps(input.dim(2), out_shape[2], options.align_corners, options.half_pixel_centers);
  s.blend = blend;
}

std::vector<IntegerResizeTap> tflite_resize_taps(int32_t in, int32_t out, bool align_corners,
                                                 bool half_pixel_centers) {
  // TFLite computes in int32; int64 gives the same values and cannot overflow on huge sizes.
  constexpr int64_t kOne = 1 << 10;
  int64_t scale = (kOne * in + out / 2) / out;
  if (align_corners && out > 1) scale = (kOne * (in - 1) + (out - 1) / 2) / (out - 1);
  std::vector<IntegerResizeTap> taps;
  for (int64_t i = 0; i < out; ++i) {
    const int64_t p = half_pixel_centers ? i * scale + scale / 2 - kOne / 2 : i * scale;
    const int64_t lo = std::max<int64_t>(p / kOne, 0);
    const int64_t hi = std::min<int64_t>((p + kOne - 1) / kOne, in - 1);
    taps.push_back({static_cast<int32_t>(lo), static_cast<int32_t>(hi),
                    static_cast<int32_t>(p - kOne * lo)});
  }
  return taps;
}

int32_t tflite_resize_blend(int32_t tl, int32_t tr, int32_t bl, int32_t br, int32_t px,
                            int32_t py) {
  constexpr int64_t kOne = 1 << 10;
  const int64_t x = px, y = py;  // the products need int64
  const int64_t sum = tl * (kOne - y) * (kOne - x) + bl * y * (kOne - x) + tr * (kOne - y) * x +
                      br * y * x;
  const int64_t half = sum > 0 ? (1 << 19) : -(1 << 19);
  // A weighted mean of the taps: within their range.
  return static_cast<int32_t>((sum + half) / (1 << 20));
}

}  // namespace lq::ref
