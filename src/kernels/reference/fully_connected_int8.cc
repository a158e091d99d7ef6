// FULLY_CONNECTED, int8: int8 input and output (per tensor), int8 weights [units, depth]
// (symmetric, per tensor or per unit along axis 0), optional int32 bias [units]. Shapes as the
// float kernel (prepare_fully_connected_shape, spatial.h). Each output is the
// exact int32 sum bias[u] + sum_d (x[d] - input_zero_point) * w[u][d], requantized by the plan's
// arithmetic (quantized.h).
#include "kernels/reference/quantized.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const int32_t units = prepare_fully_connected_shape(ctx);
  ctx.make_state<Int8Affine>() = prepare_int8_affine(
      ctx, units, 0, ctx.options<tflite::FullyConnectedOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  const Int8Affine& s = ctx.state<Int8Affine>();
  const auto [batches, units, depth] = fully_connected_dims(ctx);
  const int8_t* in = ctx.input(0).as<int8_t>();
  const int8_t* w = ctx.input(1).as<int8_t>();
  const int32_t* bias = optional_int32_bias(ctx, 2);
  int8_t* out = ctx.output(0).as<int8_t>();

  for (int64_t b = 0; b < batches; ++b) {
    const int8_t* row = in + b * depth;
    for (int64_t u = 0; u < units; ++u) {
      const int8_t* unit = w + u * depth;
      int64_t sum = bias ? bias[u] : 0;
      for (int64_t d = 0; d < depth; ++d) sum += (row[d] - s.input_zero_point) * unit[d];
      out[b * units + u] = s.stage.requantize(accumulator(sum), static_cast<size_t>(u));
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(FULLY_CONNECTED, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
