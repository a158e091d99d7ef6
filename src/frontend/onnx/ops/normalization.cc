// BatchNormalization (inference) and InstanceNormalization on ONNX's channel-first tensors
// [N, C, D1, ...]. Per-channel values ([C]) are reshaped to [C, 1, ..., 1], which broadcasts
// against the input. Both end in y = x' * k + offset; with BatchNormalization's usual constant
// statistics, k and offset fold into constants (one MUL and one ADD, as TFLite's converter writes).
#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// Checks an input of rank `min_rank` or more; returns its channel count.
int32_t check_input(NodeContext& ctx, int min_rank) {
  const Shape& x = ctx.input_shape(0);
  ctx.check(x.size() >= static_cast<size_t>(min_rank), "input must have rank ", min_rank,
            " or more (N, C, ...), got ", shape_string(x));
  return x[1];
}

// Input `input` of shape [C] as [C, 1, ..., 1].
int per_channel(NodeContext& ctx, int input, const std::string& what) {
  const int32_t channels = ctx.input_shape(0)[1];
  ctx.check(ctx.input_shape(input) == Shape{channels}, what, " must have shape [", channels,
            "], got ", shape_string(ctx.input_shape(input)));
  Shape shape(static_cast<size_t>(ctx.input_rank(0) - 1), 1);
  shape[0] = channels;
  return ctx.reshape(ctx.input(input), shape, what + "_per_channel");
}

// 1 / sqrt(var + epsilon).
int inverse_std(NodeContext& ctx, int var) {
  const int epsilon = ctx.scalar("epsilon", ctx.attr_float("epsilon", 1e-5f));
  const int var_eps = ctx.op(BuiltinOperator::ADD, {var, epsilon}, {}, std::nullopt, "var_epsilon");
  return ctx.op(BuiltinOperator::RSQRT, {var_eps});
}

// y = scale * (x - mean) / sqrt(var + epsilon) + B = x * k + (B - mean * k),
// k = scale / sqrt(var + epsilon).
void translate_batch_norm(NodeContext& ctx) {
  check_input(ctx, 2);
  if (ctx.attr_int("training_mode", 0) != 0) ctx.unsupported("training_mode=1");
  for (int i = 1; i < ctx.num_outputs(); ++i)
    if (ctx.has_output(i)) ctx.unsupported("output ", i, " (running statistics of training)");
  const int scale = per_channel(ctx, 1, "scale"), bias = per_channel(ctx, 2, "B");
  const int mean = per_channel(ctx, 3, "mean"), var = per_channel(ctx, 4, "var");
  const int k = ctx.op(BuiltinOperator::MUL, {scale, inverse_std(ctx, var)}, {}, std::nullopt, "multiplier");
  const int mean_k = ctx.op(BuiltinOperator::MUL, {mean, k}, {}, std::nullopt, "mean_multiplier");
  const int offset = ctx.op(BuiltinOperator::SUB, {bias, mean_k}, {}, std::nullopt, "offset");
  const int scaled = ctx.op(BuiltinOperator::MUL, {ctx.input(0), k}, {}, std::nullopt, "scaled");
  ctx.set_output(0, ctx.op(BuiltinOperator::ADD, {scaled, offset}));
}

// y = scale * (x - mean) / sqrt(var + epsilon) + B, mean and var per (n, c) over the spatial axes
// (MEAN with keep_dims).
void translate_instance_norm(NodeContext& ctx) {
  check_input(ctx, 3);
  std::vector<int32_t> spatial;
  for (int32_t d = 2; d < ctx.input_rank(0); ++d) spatial.push_back(d);
  const int x = ctx.input(0);
  const int mean = ctx.reduce(BuiltinOperator::MEAN, x, spatial, /*keep_dims=*/true, "mean");
  const int centered = ctx.op(BuiltinOperator::SUB, {x, mean}, {}, std::nullopt, "centered");
  const int squares = ctx.op(BuiltinOperator::SQUARED_DIFFERENCE, {x, mean}, {}, std::nullopt, "squares");
  const int var = ctx.reduce(BuiltinOperator::MEAN, squares, spatial, /*keep_dims=*/true, "var");
  const int scale = per_channel(ctx, 1, "scale"), bias = per_channel(ctx, 2, "B");
  const int k = ctx.op(BuiltinOperator::MUL, {inverse_std(ctx, var), scale}, {}, std::nullopt, "multiplier");
  const int scaled = ctx.op(BuiltinOperator::MUL, {centered, k}, {}, std::nullopt, "scaled");
  ctx.set_output(0, ctx.op(BuiltinOperator::ADD, {scaled, bias}));
}

LQ_REGISTER_ONNX_OP("BatchNormalization", translate_batch_norm);
LQ_REGISTER_ONNX_OP("InstanceNormalization", translate_instance_norm);

}  // namespace
}  // namespace lq::frontend
