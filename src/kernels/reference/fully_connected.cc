// FULLY_CONNECTED, float: weights [units, depth], optional bias [units]. The input is read as
// [elements / depth, depth]; the output is [batch, units], or with keep_num_dims the input's shape
// with its last dimension replaced by units. Each output is a float sum over depth, in the order
// XNNPACK's GEMM sums it (xnnpack_float.h: from the bias, one product at a time or in four partial
// sums), then the fused clamp activation. Only the DEFAULT weights format is supported.
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"
#include "kernels/reference/xnnpack_float.h"

namespace lq::ref {
namespace {

struct FullyConnectedState {
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  if (has_int8_weights(ctx)) return prepare_fully_connected_hybrid(ctx);  // dynamic-range weights
  const int32_t units = prepare_fully_connected_shape(ctx);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.input(1), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_optional_bias(ctx, 2, units);
  ctx.make_state<FullyConnectedState>().range = activation_range(
      ctx, ctx.options<tflite::FullyConnectedOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  if (has_int8_weights(ctx)) return eval_fully_connected_hybrid(ctx);
  const ActivationRange range = ctx.state<FullyConnectedState>().range;
  const auto [batches, units, depth] = fully_connected_dims(ctx);
  const float* in = ctx.input(0).as<float>();
  const float* w = ctx.input(1).as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = ctx.output(0).as<float>();
  const GemmOrder order = gemm_order(units);

  for (int64_t b = 0; b < batches; ++b) {
    const float* row = in + b * depth;
    for (int64_t u = 0; u < units; ++u) {
      const float* unit = w + u * depth;
      GemmSum total(order, bias ? bias[u] : 0.0f);
      for (int64_t d = 0; d < depth; ++d) total.add(d, row[d] * unit[d]);
      out[b * units + u] = clamp_activation(total.result(), range);
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(FULLY_CONNECTED, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
