// RESIZE_BILINEAR, int16 (NHWC): interpolates raw int16 values, so input and output must share
// their per-tensor quantization (zero point 0). XNNPACK takes no int16, so LiteRT.js runs TFLite's
// ResizeBilinearInteger under both arithmetics (tflite_resize_taps and tflite_resize_blend in
// quantized_int16.h: 10-bit positions and weights, one rounding half away from zero).
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

struct State {
  std::vector<IntegerResizeTap> rows, cols;
};

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeBilinearOptionsT>();
  ctx.check(!(options.align_corners && options.half_pixel_centers),
            "align_corners and half_pixel_centers cannot both be set");
  prepare_resize(ctx, ElementType::kInt16, options.align_corners, options.half_pixel_centers);
  int16_equal_input_output(ctx);
  const TensorBuffer& input = ctx.input(0);
  const Shape& out_shape = ctx.output(0).shape;
  State& s = ctx.make_state<State>();
  s.rows = tflite_resize_taps(input.dim(1), out_shape[1], options.align_corners,
                              options.half_pixel_centers);
  s.cols = tflite_resize_taps(input.dim(2), out_shape[2], options.align_corners,
                              options.half_pixel_centers);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& input = ctx.input(0);
  const int16_t* in = input.as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  const int32_t batches = input.dim(0), depth = input.dim(3);
  for (int32_t b = 0; b < batches; ++b) {
    for (const IntegerResizeTap& row : s.rows) {
      for (const IntegerResizeTap& col : s.cols) {
        const int16_t* tl = in + offset4(input.shape, b, row.lo, col.lo, 0);
        const int16_t* tr = in + offset4(input.shape, b, row.lo, col.hi, 0);
        const int16_t* bl = in + offset4(input.shape, b, row.hi, col.lo, 0);
        const int16_t* br = in + offset4(input.shape, b, row.hi, col.hi, 0);
        // A weighted mean of int16 values: within the int16 range.
        for (int32_t c = 0; c < depth; ++c)
          *out++ = static_cast<int16_t>(
              tflite_resize_blend(tl[c], tr[c], bl[c], br[c], col.weight, row.weight));
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
