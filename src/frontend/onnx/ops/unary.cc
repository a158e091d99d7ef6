// Elementwise ops of one input: ONNX activations and math functions that are one TFLite builtin
// each, Reciprocal (DIV 1 / x, as TFLite's converter writes it), and the ops that pass their input
// through at inference (Identity, Dropout).
#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

void translate_unary(NodeContext& ctx, BuiltinOperator code) {
  ctx.set_output(0, ctx.op(code, {ctx.input(0)}));
}

void translate_leaky_relu(NodeContext& ctx) {
  tflite::LeakyReluOptionsT options;
  options.alpha = ctx.attr_float("alpha", 0.01f);
  ctx.set_output(0, ctx.op(BuiltinOperator::LEAKY_RELU, {ctx.input(0)}, make_options(options)));
}

// The float32 1 would meet a float64 x in DIV, which fails rather than being unsupported.
void translate_reciprocal(NodeContext& ctx) {
  ctx.require_float(0);
  const int one = ctx.scalar("one", 1.0f);
  ctx.set_output(0, ctx.op(BuiltinOperator::DIV, {one, ctx.input(0)}, {}, ElementType::kFloat32));
}

void translate_identity(NodeContext& ctx) { ctx.set_output(0, ctx.input(0)); }

// A constant scalar input's value, or `fallback` when the input is absent.
float constant_scalar(NodeContext& ctx, int input, const char* what, float fallback) {
  if (!ctx.has_input(input)) return fallback;
  if (!ctx.input_is_constant(input)) ctx.unsupported(what, " input that is not a constant");
  const std::vector<float> values = ctx.constant_floats(input);
  ctx.check(values.size() == 1, what, " must be a scalar, got ", values.size(), " values");
  return values[0];
}

// Dropout is the identity at inference, and in training mode with ratio 0; random dropout and
// the mask output are not supported.
void translate_dropout(NodeContext& ctx) {
  if (ctx.has_output(1)) ctx.unsupported("the mask output (training only)");
  if (constant_scalar(ctx, 2, "training_mode", 0.0f) != 0.0f) {
    const float ratio = constant_scalar(ctx, 1, "ratio", 0.5f);
    if (ratio != 0.0f) ctx.unsupported("training_mode=true with ratio ", ratio, " (random dropout)");
  }
  ctx.set_output(0, ctx.input(0));
}

void translate_erf(NodeContext& ctx) { ctx.unsupported("Erf has no TFLite builtin"); }

LQ_REGISTER_ONNX_OP_WITH("Relu", translate_unary, BuiltinOperator::RELU);
LQ_REGISTER_ONNX_OP_WITH("Sigmoid", translate_unary, BuiltinOperator::LOGISTIC);
LQ_REGISTER_ONNX_OP_WITH("Tanh", translate_unary, BuiltinOperator::TANH);
LQ_REGISTER_ONNX_OP_WITH("HardSwish", translate_unary, BuiltinOperator::HARD_SWISH);
LQ_REGISTER_ONNX_OP_WITH("Exp", translate_unary, BuiltinOperator::EXP);
LQ_REGISTER_ONNX_OP_WITH("Log", translate_unary, BuiltinOperator::LOG);
LQ_REGISTER_ONNX_OP_WITH("Sqrt", translate_unary, BuiltinOperator::SQRT);
LQ_REGISTER_ONNX_OP_WITH("Abs", translate_unary, BuiltinOperator::ABS);
LQ_REGISTER_ONNX_OP_WITH("Neg", translate_unary, BuiltinOperator::NEG);
LQ_REGISTER_ONNX_OP_WITH("Floor", translate_unary, BuiltinOperator::FLOOR);
LQ_REGISTER_ONNX_OP_WITH("Ceil", translate_unary, BuiltinOperator::CEIL);
// Both round half to even.
LQ_REGISTER_ONNX_OP_WITH("Round", translate_unary, BuiltinOperator::ROUND);
LQ_REGISTER_ONNX_OP_WITH("Sin", translate_unary, BuiltinOperator::SIN);
LQ_REGISTER_ONNX_OP_WITH("Cos", translate_unary, BuiltinOperator::COS);
LQ_REGISTER_ONNX_OP("LeakyRelu", translate_leaky_relu);
LQ_REGISTER_ONNX_OP("Reciprocal", translate_reciprocal);
LQ_REGISTER_ONNX_OP("Identity", translate_identity);
LQ_REGISTER_ONNX_OP("Dropout", translate_dropout);
LQ_REGISTER_ONNX_OP("Erf", translate_erf);

}  // namespace
}  // namespace lq::frontend
