// RESIZE_BILINEAR, int16 (NHWC): interpolates raw int16 values, so input and output must share
// their per-tensor quantization (zero point 0). XNNPACK takes no int16, so LiteRT.js runs TFLite's
// ResizeBilinearInteger under both arithmetics (tflite_resize_taps and tflite_resize_blend in
// resize.h: 10-bit positions and weights, one rounding half away from zero).
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/resize.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_integer_resize_bilinear(ctx, ElementType::kInt16, tflite_resize_taps,
                                  tflite_resize_blend);
  int16_equal_input_output(ctx);
}

}  // namespace

LQ_REGISTER_KERNEL(RESIZE_BILINEAR, kInt16, kReference, prepare,
                   eval_integer_resize_bilinear<int16_t>);

}  // namespace lq::ref
