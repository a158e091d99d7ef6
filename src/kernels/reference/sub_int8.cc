// SUB, int8: ADD's arithmetic with the second input's multiplier negated, as both XNNPACK and
// TFLite compute it (quantized.h).
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_int8_add(ctx, ctx.options<tflite::SubOptionsT>().fused_activation_function, true);
}

}  // namespace

LQ_REGISTER_KERNEL(SUB, kInt8, kReference, prepare, eval_int8_add);

}  // namespace lq::ref
