// ABS, 16x8: out = |x|, requantized from the input's scale to the output's (zero points 0), as
// TFLite's kernel (XNNPACK takes no int16):
//   y = clamp(MultiplyByQuantizedMultiplier(|x|, M))
// M: the Q31 multiplier of f32(si / so), double rounding. LiteRT.js's figures:
// tests/models/int8_more_kernels_test.cc.
#include <cstdlib>

#include "kernels/reference/lut_int8.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  ctx.set_output_shape(0, ctx.input(0).shape);
  // TFLite divides in float32, then decomposes the quotient (as a double).
  ctx.make_state<arith::QuantizedMultiplier>() =
      checked_multiplier(ctx, static_cast<double>(in / out), "scale ratio");
}

void eval(OpContext& ctx) {
  const arith::QuantizedMultiplier& m = ctx.state<arith::QuantizedMultiplier>();
  const TensorBuffer& input = ctx.input(0);
  const int16_t* in = input.as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  for (int64_t i = 0; i < input.elements(); ++i) {
    const int32_t y = arith::multiply_by_quantized_multiplier(std::abs(int32_t{in[i]}), m,
                                                              arith::Rounding::kDoubleRounding);
    out[i] = static_cast<int16_t>(std::clamp(y, -32768, 32767));
  }
}

}  // namespace

LQ_REGISTER_KERNEL(ABS, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
