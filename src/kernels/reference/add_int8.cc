// ADD, int8: out = clamp(a + b) with broadcasting; per-tensor quantization of both inputs and the
// output; the arithmetic (XNNPACK's fixed point or TFLite's reference) as quantized.h describes.
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_int8_add(ctx, ctx.options<tflite::AddOptionsT>().fused_activation_function, false);
}

}  // namespace

LQ_REGISTER_KERNEL(ADD, kInt8, kReference, prepare, eval_int8_add);

}  // namespace lq::ref
