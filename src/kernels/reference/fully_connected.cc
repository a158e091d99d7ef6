// FULLY_CONNECTED, float: weights [units, depth], optional bias [units]. The input is read as
// [elements / depth, depth]; the output is [batch, units], or with keep_num_dims the input's shape
// with its last dimension replaced by units. Each output is a float sum over depth, plus the bias,
// then the fused clamp activation. Only the DEFAULT weights format is supported.
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct FullyConnectedState {
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const auto& options = ctx.options<tflite::FullyConnectedOptionsT>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, weights, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.check(options.weights_format == tflite::FullyConnectedOptionsWeightsFormat::DEFAULT,
            "weights format ",
            tflite::EnumNameFullyConnectedOptionsWeightsFormat(options.weights_format),
            " is not supported");
  check_rank(ctx, weights, 2);

  const int32_t units = weights.dim(0);
  const int32_t depth = weights.dim(1);
  check_positive(ctx, depth, cat("depth of weights '", weights.name(), "'").c_str());
  const int64_t elements = input.elements();
  ctx.check(elements % depth == 0, "input '", input.name(), "' has shape ",
            shape_string(input.shape), ", whose ", elements,
            " elements are not a multiple of the weights' depth ", depth);
  check_optional_bias(ctx, 2, units);

  Shape out_shape;
  if (options.keep_num_dims) {
    ctx.check(input.rank() >= 1 && input.dim(-1) == depth, "input '", input.name(),
              "' has shape ", shape_string(input.shape), ", expected last dimension ", depth,
              " with keep_num_dims");
    out_shape = input.shape;
    out_shape.back() = units;
  } else {
    out_shape = {static_cast<int32_t>(elements / depth), units};
  }
  ctx.set_output_shape(0, out_shape);
  ctx.make_state<FullyConnectedState>().range =
      activation_range(ctx, options.fused_activation_function);
}

void eval(OpContext& ctx) {
  const ActivationRange range = ctx.state<FullyConnectedState>().range;
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  const float* in = input.as<float>();
  const float* w = weights.as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = ctx.output(0).as<float>();
  const int64_t units = weights.dim(0);
  const int64_t depth = weights.dim(1);
  const int64_t batches = input.elements() / depth;

  for (int64_t b = 0; b < batches; ++b) {
    const float* row = in + b * depth;
    for (int64_t u = 0; u < units; ++u) {
      const float* unit = w + u * depth;
      float total = 0.0f;
      for (int64_t d = 0; d < depth; ++d) total += row[d] * unit[d];
      out[b * units + u] = clamp_activation(total + (bias ? bias[u] : 0.0f), range);
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(FULLY_CONNECTED, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
