// Activations that need more than one TFLite builtin or an attribute mapped: Elu (ELU, composed
// when alpha != 1), Selu and Celu (from ELU), ThresholdedRelu (GREATER, SELECT_V2), PRelu,
// HardSigmoid (MUL, ADD, RELU_0_TO_1), Softmax and LogSoftmax (SOFTMAX, LOG_SOFTMAX over the last
// axis, with transposes or reshapes around it).
#include <algorithm>
#include <numeric>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// x >= 0 ? x : alpha * (e^x - 1). TFLite's ELU has alpha 1; otherwise
// RELU(x) + alpha * MINIMUM(ELU(x), 0).
int elu(NodeContext& ctx, float alpha) {
  const int x = ctx.input(0);
  const int elu1 = ctx.op(BuiltinOperator::ELU, {x}, {}, std::nullopt, "elu");
  if (alpha == 1.0f) return elu1;
  const int negative = ctx.op(BuiltinOperator::MINIMUM, {elu1, ctx.scalar("zero", 0.0f)}, {},
                              std::nullopt, "negative_part");
  const int scaled = ctx.op(BuiltinOperator::MUL, {negative, ctx.scalar("alpha", alpha)}, {},
                            std::nullopt, "scaled");
  const int positive = ctx.op(BuiltinOperator::RELU, {x}, {}, std::nullopt, "positive_part");
  return ctx.op(BuiltinOperator::ADD, {positive, scaled}, {}, std::nullopt, "elu_alpha");
}

void translate_elu(NodeContext& ctx) {
  ctx.set_output(0, elu(ctx, ctx.attr_float("alpha", 1.0f)));
}

// Selu(x) = gamma * Elu(x) with Selu's own defaults.
void translate_selu(NodeContext& ctx) {
  const int y = elu(ctx, ctx.attr_float("alpha", 1.67326319217681884765625f));
  const int gamma = ctx.scalar("gamma", ctx.attr_float("gamma", 1.05070102214813232421875f));
  ctx.set_output(0, ctx.op(BuiltinOperator::MUL, {y, gamma}));
}

// Celu(x) = max(0, x) + min(0, alpha * (e^(x / alpha) - 1)) = alpha * ELU(x / alpha).
void translate_celu(NodeContext& ctx) {
  const float alpha = ctx.attr_float("alpha", 1.0f);
  if (alpha == 1.0f) {
    ctx.set_output(0, ctx.op(BuiltinOperator::ELU, {ctx.input(0)}));
    return;
  }
  const int alpha_tensor = ctx.scalar("alpha", alpha);
  const int x = ctx.op(BuiltinOperator::DIV, {ctx.input(0), alpha_tensor}, {}, std::nullopt, "x_alpha");
  const int elu = ctx.op(BuiltinOperator::ELU, {x}, {}, std::nullopt, "elu");
  ctx.set_output(0, ctx.op(BuiltinOperator::MUL, {elu, alpha_tensor}));
}

// ThresholdedRelu(x) = x > alpha ? x : 0.
void translate_thresholded_relu(NodeContext& ctx) {
  const int x = ctx.input(0);
  const int alpha = ctx.scalar("alpha", ctx.attr_float("alpha", 1.0f));
  const int above = ctx.op(BuiltinOperator::GREATER, {x, alpha}, {}, ElementType::kBool, "above");
  ctx.set_output(0, ctx.op(BuiltinOperator::SELECT_V2, {above, x, ctx.scalar("zero", 0.0f)}, {},
                           ElementType::kFloat32));
}

// The slope broadcasts to X's shape (ONNX's unidirectional broadcasting).
void translate_prelu(NodeContext& ctx) {
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
  const int alpha = ctx.scalar("alpha", ctx.attr_float("alpha", 0.2f));
  const int scaled = ctx.op(BuiltinOperator::MUL, {ctx.input(0), alpha}, {}, std::nullopt, "scaled");
  const int beta = ctx.scalar("beta", ctx.attr_float("beta", 0.5f));
  const int shifted = ctx.op(BuiltinOperator::ADD, {scaled, beta}, {}, std::nullopt, "shifted");
  ctx.set_output(0, ctx.op(BuiltinOperator::RELU_0_TO_1, {shifted}));
}

// The axes Softmax and LogSoftmax normalize over: before opset 13 the input is seen as a matrix
// [d0 * ... * d(axis-1), d(axis) * ... * dn] (default axis 1), from opset 13 one axis (default -1).
std::vector<int32_t> softmax_axes(NodeContext& ctx) {
  const int rank = ctx.input_rank(0);
  const bool coerced = ctx.opset() < 13;
  const int axis = ctx.axis(ctx.attr_int("axis", coerced ? 1 : -1), rank);
  std::vector<int32_t> axes(coerced ? static_cast<size_t>(rank - axis) : 1);
  std::iota(axes.begin(), axes.end(), static_cast<int32_t>(axis));
  return axes;
}

tflite::BuiltinOptionsUnion softmax_options(BuiltinOperator code) {
  if (code == BuiltinOperator::LOG_SOFTMAX) return make_options(tflite::LogSoftmaxOptionsT{});
  tflite::SoftmaxOptionsT options;
  options.beta = 1.0f;
  return make_options(options);
}

// Softmax and LogSoftmax are one SOFTMAX or LOG_SOFTMAX (as TFLite's converter writes them), which
// normalize over the last axis: one axis elsewhere is swapped to the end and back; the trailing
// axes of the opset < 13 form are merged into one with RESHAPE.
void translate_softmax(NodeContext& ctx, BuiltinOperator code) {
  const std::vector<int32_t> axes = softmax_axes(ctx);
  const Shape shape = ctx.input_shape(0);
  const int32_t last = static_cast<int32_t>(shape.size()) - 1;
  auto normalize = [&](int x) { return ctx.op(code, {x}, softmax_options(code)); };
  int x = ctx.input(0);
  if (axes.size() > 1) {
    Shape matrix = {1, 1};
    for (size_t d = 0; d < shape.size(); ++d)
      matrix[d < static_cast<size_t>(axes[0]) ? 0 : 1] *= shape[d];
    x = ctx.reshape(normalize(ctx.reshape(x, matrix, "as_matrix")), shape, "reshape_back");
  } else if (axes[0] != last) {
    std::vector<int> perm(shape.size());
    std::iota(perm.begin(), perm.end(), 0);
    std::swap(perm[static_cast<size_t>(axes[0])], perm.back());
    x = ctx.transpose(normalize(ctx.transpose(x, perm, "axis_last")), perm, "axis_back");
  } else {
    x = normalize(x);
  }
  ctx.set_output(0, x);
}

LQ_REGISTER_ONNX_OP("Elu", translate_elu);
LQ_REGISTER_ONNX_OP("Selu", translate_selu);
LQ_REGISTER_ONNX_OP("Celu", translate_celu);
LQ_REGISTER_ONNX_OP("ThresholdedRelu", translate_thresholded_relu);
LQ_REGISTER_ONNX_OP("PRelu", translate_prelu);
LQ_REGISTER_ONNX_OP("HardSigmoid", translate_hard_sigmoid);
LQ_REGISTER_ONNX_OP_WITH("Softmax", translate_softmax, BuiltinOperator::SOFTMAX);
LQ_REGISTER_ONNX_OP_WITH("LogSoftmax", translate_softmax, BuiltinOperator::LOG_SOFTMAX);

}  // namespace
}  // namespace lq::frontend
