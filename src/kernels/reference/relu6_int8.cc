// RELU6, int8: out = min(max(x, 0), 6), requantized from the input's parameters to the output's
// (which a quantizer calibrates separately, so they may differ). Measured on LiteRT.js 2.5.3 with
// equal and different parameters, bounds on exact ties included: it runs TFLite's kernel (not
// XNNPACK's clamp), under both arithmetics; see prepare_int8_relu (lut_int8.h).
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_int8_relu(ctx, 0.0f, 6.0f); }

}  // namespace

LQ_REGISTER_KERNEL(RELU6, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
