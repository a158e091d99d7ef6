// RESIZE_NEAREST_NEIGHBOR, int16: copies raw int16 pixels with the float kernel's indexing
// (resize.cc), so input and output must share their per-tensor quantization (zero point 0).
// LiteRT.js runs TFLite's kernel for it; both arithmetics are the same.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeNearestNeighborOptionsT>();
  prepare_resize(ctx, ElementType::kInt16, options.align_corners, options.half_pixel_centers);
  int16_equal_input_output(ctx);
}

void eval(OpContext& ctx) { eval_resize_nearest(ctx, sizeof(int16_t)); }

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_NEAREST_NEIGHBOR, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
