// Activations that need more than one TFLite builtin or an attribute mapped: Elu (ELU, composed
// when alpha != 1), Selu and Celu (from ELU), ThresholdedRelu (GREATER, SELECT_V2), PRelu,
// HardSigmoid (MUL, ADD, RELU_0_TO_1), Softmax (SOFTMAX over the last axis, with transposes or
// reshapes around it) and LogSoftmax (from reductions).
#include <algorithm>
#include <numeric>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

void require_float(NodeContext& ctx) {
  if (ctx.input_type(0) != ElementType::kFloat32)
    ctx.unsupported(element_type_name(ctx.input_type(0)), " input (TFLite computes it in float32)");
}

int scalar(NodeContext& ctx, const std::string& suffix, float value) {
  return ctx.constant(suffix, {}, std::vector<float>{value});
}

// x >= 0 ? x : alpha * (e^x - 1). TFLite's ELU has alpha 1; otherwise
// RELU(x) + alpha * MINIMUM(ELU(x), 0).
int elu(NodeContext& ctx, float alpha) {
  const int x = ctx.input(0);
  const int elu1 = ctx.op(BuiltinOperator::ELU, {x}, {}, std::nullopt, "elu");
  if (alpha == 1.0f) return elu1;
  const int negative = ctx.op(BuiltinOperator::MINIMUM, {elu1, scalar(ctx, "zero", 0.0f)}, {},
                              std::nullopt, "negative_part");
  const int scaled = ctx.op(BuiltinOperator::MUL, {negative, scalar(ctx, "alpha", alpha)}, {},
                            std::nullopt, "scaled");
  const int positive = ctx.op(BuiltinOperator::RELU, {x}, {}, std::nullopt, "positive_part");
  return ctx.op(BuiltinOperator::ADD, {positive, scaled}, {}, std::nullopt, "elu_alpha");
}

void translate_elu(NodeContext& ctx) {
  require_float(ctx);
  ctx.set_output(0, elu(ctx, ctx.attr_float("alpha", 1.0f)));
}

// Selu(x) = gamma * Elu(x) with Selu's own defaults.
void translate_selu(NodeContext& ctx) {
  require_float(ctx);
  const int y = elu(ctx, ctx.attr_float("alpha", 1.67326319217681884765625f));
  const int gamma = scalar(ctx, "gamma", ctx.attr_float("gamma", 1.05070102214813232421875f));
  ctx.set_output(0, ctx.op(BuiltinOperator::MUL, {y, gamma}));
}

// Celu(x) = max(0, x) + min(0, alpha * (e^(x / alpha) - 1)) = alpha * ELU(x / alpha).
void translate_celu(NodeContext& ctx) {
  require_float(ctx);
  const float alpha = ctx.attr_float("alpha", 1.0f);
  if (alpha == 1.0f) {
    ctx.set_output(0, ctx.op(BuiltinOperator::ELU, {ctx.input(0)}));
    return;
  }
  const int alpha_tensor = scalar(ctx, "alpha", alpha);
  const int x = ctx.op(BuiltinOperator::DIV, {ctx.input(0), alpha_tensor}, {}, std::nullopt, "x_alpha");
  const int elu = ctx.op(BuiltinOperator::ELU, {x}, {}, std::nullopt, "elu");
  ctx.set_output(0, ctx.op(BuiltinOperator::MUL, {elu, alpha_tensor}));
}

// ThresholdedRelu(x) = x > alpha ? x : 0.
void translate_thresholded_relu(NodeContext& ctx) {
  require_float(ctx);
  const int x = ctx.input(0);
  const int alpha = scalar(ctx, "alpha", ctx.attr_float("alpha", 1.0f));
  const int above = ctx.op(BuiltinOperator::GREATER, {x, alpha}, {}, ElementType::kBool, "above");
  ctx.set_output(0, ctx.op(BuiltinOperator::SELECT_V2, {above, x, scalar(ctx, "zero", 0.0f)}, {},
                           ElementType::kFloat32));
}

// The slope broadcasts to X's shape (ONNX's unidirectional broadcasting).
void translate_prelu(NodeContext& ctx) {
  require_float(ctx);
  const Shape& x = ctx.input_shape(0);
  const Shape& slope = ctx.input_shape(1);
  bool fits = slope.size() <= x.size();
  for (size_t d = 0; fits && d < slope.size(); ++d) {
    const int32_t s = slope[slope.size() - 1 - d];
    fits = s == 1 || s == x[x.size() - 1 - d];
  }
  ctx.check(fits, "slope ", shape_string(slope), " does not broadcast to X ", shape_string(x));
  ctx.set_output(0, ctx.op(BuiltinOperator::PRELU, {ctx.input(0), ctx.input(1)}));
}

// HardSigmoid(x) = max(0, min(1, alpha * x + beta)).
void translate_hard_sigmoid(NodeContext& ctx) {
  require_float(ctx);
  const int alpha = scalar(ctx, "alpha", ctx.attr_float("alpha", 0.2f));
  const int scaled = ctx.op(BuiltinOperator::MUL, {ctx.input(0), alpha}, {}, std::nullopt, "scaled");
  const int beta = scalar(ctx, "beta", ctx.attr_float("beta", 0.5f));
  const int shifted = ctx.op(BuiltinOperator::ADD, {scaled, beta}, {}, std::nullopt, "shifted");
  ctx.set_output(0, ctx.op(BuiltinOperator::RELU_0_TO_1, {shifted}));
}

// The axes Softmax and LogSoftmax normalize over: before opset 13 the input is seen as a matrix
// [d0 * ... * d(axis-1), d(axis) * ... * dn] (default axis 1), from opset 13 one axis (default -1).
std::vector<int32_t> softmax_axes(NodeContext& ctx) {
  const int rank = ctx.input_rank(0);
  const bool coerced = ctx.opset() < 13;
  int64_t axis = ctx.attr_int("axis", coerced ? 1 : -1);
  if (axis < 0) axis += rank;
  ctx.check(axis >= 0 && axis < std::max(rank, 1), "axis ", ctx.attr_int("axis", 0),
            " is out of range for rank ", rank);
  std::vector<int32_t> axes(coerced ? static_cast<size_t>(rank - axis) : 1);
  std::iota(axes.begin(), axes.end(), static_cast<int32_t>(axis));
  return axes;
}

// SOFTMAX normalizes over the last axis: one axis elsewhere is swapped to the end and back; the
// trailing axes of the opset < 13 form are merged into one with RESHAPE.
void translate_softmax(NodeContext& ctx) {
  require_float(ctx);
  const std::vector<int32_t> axes = softmax_axes(ctx);
  const Shape shape = ctx.input_shape(0);
  const int32_t last = static_cast<int32_t>(shape.size()) - 1;
  tflite::SoftmaxOptionsT options;
  options.beta = 1.0f;
  auto softmax = [&](int x) { return ctx.op(BuiltinOperator::SOFTMAX, {x}, make_options(options)); };
  int x = ctx.input(0);
  if (axes.size() > 1) {
    Shape matrix = {1, 1};
    for (size_t d = 0; d < shape.size(); ++d)
      matrix[d < static_cast<size_t>(axes[0]) ? 0 : 1] *= shape[d];
    x = ctx.reshape(softmax(ctx.reshape(x, matrix, "as_matrix")), shape, "reshape_back");
  } else if (axes[0] != last) {
    std::vector<int> perm(shape.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::swap(perm[static_cast<size_t>(axes[0])], perm.back());
    x = ctx.transpose(softmax(ctx.transpose(x, perm, "axis_last")), perm, "axis_back");
  } else {
    x = softmax(x);
  }
  ctx.set_output(0, x);
}

// LogSoftmax(x) = (x - max) - log(sum(exp(x - max))) over the axes, with REDUCE_MAX and SUM
// keeping dimensions: exact for large inputs, where log(SOFTMAX(x)) would reach log(0).
void translate_log_softmax(NodeContext& ctx) {
  require_float(ctx);
  const std::vector<int32_t> axes = softmax_axes(ctx);
  const int axes_tensor = ctx.constant("axes", {static_cast<int32_t>(axes.size())}, axes);
  tflite::ReducerOptionsT keep;
  keep.keep_dims = true;
  const int x = ctx.input(0);
  const int max = ctx.op(BuiltinOperator::REDUCE_MAX, {x, axes_tensor}, make_options(keep));
  const int shifted = ctx.op(BuiltinOperator::SUB, {x, max}, {}, std::nullopt, "shifted");
  const int exp = ctx.op(BuiltinOperator::EXP, {shifted});
  const int sum = ctx.op(BuiltinOperator::SUM, {exp, axes_tensor}, make_options(keep));
  const int log = ctx.op(BuiltinOperator::LOG, {sum});
  ctx.set_output(0, ctx.op(BuiltinOperator::SUB, {shifted, log}));
}

LQ_REGISTER_ONNX_OP("Elu", translate_elu);
LQ_REGISTER_ONNX_OP("Selu", translate_selu);
LQ_REGISTER_ONNX_OP("Celu", translate_celu);
LQ_REGISTER_ONNX_OP("ThresholdedRelu", translate_thresholded_relu);
LQ_REGISTER_ONNX_OP("PRelu", translate_prelu);
LQ_REGISTER_ONNX_OP("HardSigmoid", translate_hard_sigmoid);
LQ_REGISTER_ONNX_OP("Softmax", translate_softmax);
LQ_REGISTER_ONNX_OP("LogSoftmax", translate_log_softmax);

}  // namespace
}  // namespace lq::frontend
