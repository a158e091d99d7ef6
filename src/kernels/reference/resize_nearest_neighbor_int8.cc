// RESIZE_NEAREST_NEIGHBOR, int8: copies raw int8 pixels with the float kernel's indexing
// (resize.cc), so input and output must share their per-tensor quantization. LiteRT.js runs
// TFLite's kernel for it (XNNPACK has no nearest-neighbour resize); both arithmetics are the same.
#include "kernels/reference/quantized.h"
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::ResizeNearestNeighborOptionsT>();
  prepare_resize(ctx, ElementType::kInt8, options.align_corners, options.half_pixel_centers);
  int8_equal_input_output(ctx);
}

void eval(OpContext& ctx) { eval_resize_nearest(ctx, sizeof(int8_t)); }

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_NEAREST_NEIGHBOR, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
