// Elementwise ops of one input: ONNX activations and math functions that are one TFLite builtin
// each, Reciprocal (DIV 1 / x, as TFLite's converter writes it), and the ops that pass their input
// through at inference (Identity, Dropout).
#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// These TFLite builtins (and litequant's kernels for them) compute in float32.
void require_float(NodeContext& ctx) {
  if (ctx.input_type(0) != ElementType::kFloat32)
    ctx.unsupported(element_type_name(ctx.input_type(0)), " input (TFLite computes it in float32)");
}

void translate_unary(NodeContext& ctx, BuiltinOperator code) {
  require_float(ctx);
  ctx.set_output(0, ctx.op(code, {ctx.input(0)}));
}

void translate_leaky_relu(NodeContext& ctx) {
  require_float(ctx);
  tflite::LeakyReluOptionsT options;
  options.alpha = ctx.attr_float("alpha", 0.01f);
  ctx.set_output(0, ctx.op(BuiltinOperator::LEAKY_RELU, {ctx.input(0)}, make_options(options)));
}

void translate_reciprocal(NodeContext& ctx) {
  require_float(ctx);
  const int one = ctx.constant("one", {}, std::vector<float>{1.0f});
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

#define LQ_UNARY(onnx_op, code) \
  LQ_REGISTER_ONNX_OP(onnx_op, [](NodeContext& ctx) { translate_unary(ctx, BuiltinOperator::code); })

LQ_UNARY("Relu", RELU);
LQ_UNARY("Sigmoid", LOGISTIC);
LQ_UNARY("Tanh", TANH);
LQ_UNARY("HardSwish", HARD_SWISH);
LQ_UNARY("Exp", EXP);
LQ_UNARY("Log", LOG);
LQ_UNARY("Sqrt", SQRT);
LQ_UNARY("Abs", ABS);
LQ_UNARY("Neg", NEG);
LQ_UNARY("Floor", FLOOR);
LQ_UNARY("Ceil", CEIL);
LQ_UNARY("Round", ROUND);  // both round half to even
LQ_UNARY("Sin", SIN);
LQ_UNARY("Cos", COS);
LQ_REGISTER_ONNX_OP("LeakyRelu", translate_leaky_relu);
LQ_REGISTER_ONNX_OP("Reciprocal", translate_reciprocal);
LQ_REGISTER_ONNX_OP("Identity", translate_identity);
LQ_REGISTER_ONNX_OP("Dropout", translate_dropout);
LQ_REGISTER_ONNX_OP("Erf", translate_erf);

}  // namespace
}  // namespace lq::frontend
