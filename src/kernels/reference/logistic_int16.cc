// LOGISTIC, int16 (input scale any, zero point 0; output 2^-15, zero point 0): TFLite's 16-bit
// table kernel (quantized_int16.h), which LiteRT.js runs for every input scale but 2^-12 (measured
// on all 65536 inputs: tests/models/int16_kernels_test.cc); TFLite's reference kernel, hence
// kTfliteReference, uses the table for every scale.
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  ctx.make_state<Int16SigmoidScaling>() = prepare_int16_sigmoid(ctx, false);
}

void eval(OpContext& ctx) {
  const Int16SigmoidScaling& s = ctx.state<Int16SigmoidScaling>();
  const TensorBuffer& input = ctx.input(0);
  const int16_t* in = input.as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  for (int64_t i = 0; i < input.elements(); ++i) out[i] = logistic_int16(in[i], s);
}

}  // namespace

LQ_REGISTER_KERNEL(LOGISTIC, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
