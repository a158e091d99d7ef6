// LOGISTIC, int16 (input scale any, zero point 0; output 2^-15, zero point 0): TFLite's 16-bit
// table kernel (quantized_int16.h), which LiteRT.js runs for every input scale but 2^-12, where it
// runs TFLite's fixed-point kernel (arith/fixed_point_int16.h); both measured equal on all 65536
// inputs (tests/models/int16_kernels_test.cc). TFLite's reference kernel, hence kTfliteReference,
// uses the table for every scale.
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  ctx.make_state<Int16SigmoidScaling>() = prepare_int16_sigmoid(ctx, false);
}

}  // namespace

LQ_REGISTER_KERNEL(LOGISTIC, kInt16, kReference, prepare, eval_int16_sigmoid<logistic_int16>);

}  // namespace lq::ref
