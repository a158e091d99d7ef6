// FULLY_CONNECTED, 16x8: int16 input and output (per tensor, zero point 0), int8 weights [units,
// depth] (symmetric, per tensor or per unit along axis 0), optional int64 bias [units]. Each output
// is the exact int64 sum bias[u] + sum_d x[d] * w[u][d], scaled
//   under kRuntime as LiteRT.js measurably does: the full Q31 multiplier, one rounding shift, ties
//     away from zero (arith::Int64Rounding::kQ31AwayFromZero);
//   under kTfliteReference as TFLite's reference integer_ops kernel: the multiplier reduced to 16
//     bits, ties toward +infinity.
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const int32_t units = prepare_fully_connected_shape(ctx);
  const arith::Int64Rounding how = ctx.arithmetic() == arith::Arithmetic::kRuntime
                                       ? arith::Int64Rounding::kQ31AwayFromZero
                                       : arith::Int64Rounding::kReducedMultiplier;
  ctx.make_state<Int16OutputStage>() = prepare_int16_affine(
      ctx, units, 0, ctx.options<tflite::FullyConnectedOptionsT>().fused_activation_function, how);
}

void eval(OpContext& ctx) {
  const Int16OutputStage& s = ctx.state<Int16OutputStage>();
  const auto [batches, units, depth] = fully_connected_dims(ctx);
  const int16_t* in = ctx.input(0).as<int16_t>();
  const int8_t* w = ctx.input(1).as<int8_t>();
  const int64_t* bias = optional_int64_bias(ctx, 2);
  int16_t* out = ctx.output(0).as<int16_t>();

  for (int64_t b = 0; b < batches; ++b) {
    const int16_t* row = in + b * depth;
    for (int64_t u = 0; u < units; ++u) {
      const int8_t* unit = w + u * depth;
      int64_t sum = 0;
      for (int64_t d = 0; d < depth; ++d) sum += int32_t{row[d]} * unit[d];
      const size_t channel = static_cast<size_t>(u);
      out[b * units + u] = s.requantize(add_bias(bias, channel, sum), channel);
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(FULLY_CONNECTED, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
