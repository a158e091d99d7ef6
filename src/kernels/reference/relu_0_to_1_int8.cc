// RELU_0_TO_1, int8: out = min(max(x, 0), 1), requantized from the input's parameters to the
// output's (which a quantizer calibrates separately, so they may differ). TFLite's kernel is the
// one of RELU_N1_TO_1 with other bounds (requantize, then clamp to the quantized bounds); LiteRT.js
// runs it under both arithmetics (tests/models/int8_more_kernels_test.cc); see prepare_int8_relu
// (lut_int8.h).
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_int8_relu(ctx, 0.0f, 1.0f); }

}  // namespace

LQ_REGISTER_KERNEL(RELU_0_TO_1, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
