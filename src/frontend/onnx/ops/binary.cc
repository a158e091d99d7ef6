// Elementwise ops of two or more inputs. ONNX's multidirectional broadcasting is NumPy's, as in
// TFLite's binary builtins. Arithmetic and comparisons are one builtin each; Max, Min, Sum and Mean
// chain the binary builtin over their inputs; Clip is MAXIMUM then MINIMUM (one RELU-family
// builtin for the usual float ranges); Where is SELECT_V2. ONNX allows element types TFLite's
// builtins lack (uint8 Add, float64 Max, ...): those are unsupported variants.
#include <algorithm>
#include <cmath>
#include <iterator>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// `code` over a and b (of one element type); the output has their type, or `out`.
int binary(NodeContext& ctx, BuiltinOperator code, int a, int b,
           std::optional<ElementType> out = std::nullopt, const std::string& suffix = "") {
  const ElementType type = ctx.builder().tensor(a).type;
  const ElementType other = ctx.builder().tensor(b).type;
  ctx.check(type == other, "inputs must have one element type, got ", element_type_name(type), " and ",
            element_type_name(other));
  return ctx.op(code, {a, b}, {}, out, suffix);
}

void translate_binary(NodeContext& ctx, BuiltinOperator code) {
  ctx.set_output(0, binary(ctx, code, ctx.input(0), ctx.input(1)));
}

void translate_comparison(NodeContext& ctx, BuiltinOperator code) {
  ctx.set_output(0, binary(ctx, code, ctx.input(0), ctx.input(1), ElementType::kBool));
}

// POW computes in float32; an integer exponent of a float base is cast to float32 first. ONNX
// lets base and exponent types differ, so the base is checked before binary() compares them.
void translate_pow(NodeContext& ctx) {
  ctx.require_float(0);
  int exponent = ctx.input(1);
  const ElementType exponent_type = ctx.input_type(1);
  if (exponent_type != ElementType::kFloat32) {
    tflite::CastOptionsT options;
    options.in_data_type = static_cast<tflite::TensorType>(exponent_type);
    options.out_data_type = tflite::TensorType::FLOAT32;
    exponent = ctx.op(BuiltinOperator::CAST, {exponent}, make_options(options), ElementType::kFloat32,
                      "exponent_float");
  }
  ctx.set_output(0, binary(ctx, BuiltinOperator::POW, ctx.input(0), exponent));
}

// The binary builtin folded over the inputs, left to right; one input is passed through.
int fold_inputs(NodeContext& ctx, BuiltinOperator code) {
  int result = ctx.input(0);
  for (int i = 1; i < ctx.num_inputs(); ++i)
    result = binary(ctx, code, result, ctx.input(i), std::nullopt, cat(ir::builtin_name(code), i));
  return result;
}

void translate_variadic(NodeContext& ctx, BuiltinOperator code) { ctx.set_output(0, fold_inputs(ctx, code)); }

void translate_mean(NodeContext& ctx) {
  int result = fold_inputs(ctx, BuiltinOperator::ADD);
  if (ctx.num_inputs() > 1) {
    const int count = ctx.scalar("count", static_cast<float>(ctx.num_inputs()));
    result = binary(ctx, BuiltinOperator::DIV, result, count);
  }
  ctx.set_output(0, result);
}

// A bound of Clip: an attribute before opset 11, an optional input from opset 11.
struct ClipBound {
  bool present = false;
  int input = -1;              // the ONNX input holding it; -1 for an attribute
  std::optional<float> value;  // known at conversion time
};

ClipBound clip_bound(NodeContext& ctx, int input, const std::string& attr) {
  ClipBound bound;
  if (ctx.opset() < 11) {
    bound.present = ctx.has_attr(attr);
    if (bound.present) bound.value = ctx.attr_float(attr, 0.0f);
  } else if (ctx.has_input(input)) {
    bound.present = true;
    bound.input = input;
    if (ctx.input_is_constant(input)) {
      const std::vector<float> values = ctx.constant_floats(input);
      ctx.check(values.size() == 1, attr, " must be a scalar, got ", values.size(), " values");
      bound.value = values[0];
    }
  }
  if (bound.value && std::isinf(*bound.value)) bound = {};  // +-inf bounds nothing
  return bound;
}

// RELU, RELU6, RELU_N1_TO_1 or RELU_0_TO_1 when the float bounds are one of theirs.
std::optional<BuiltinOperator> relu_for(const ClipBound& lo, const ClipBound& hi) {
  if (!lo.value || (hi.present && !hi.value)) return std::nullopt;
  const float l = *lo.value;
  if (!hi.present) return l == 0.0f ? std::optional(BuiltinOperator::RELU) : std::nullopt;
  const float h = *hi.value;
  if (l == 0.0f && h == 6.0f) return BuiltinOperator::RELU6;
  if (l == -1.0f && h == 1.0f) return BuiltinOperator::RELU_N1_TO_1;
  if (l == 0.0f && h == 1.0f) return BuiltinOperator::RELU_0_TO_1;
  return std::nullopt;
}

int clip_with(NodeContext& ctx, BuiltinOperator code, int x, const ClipBound& bound,
              const std::string& name) {
  if (!bound.present) return x;
  const int tensor = bound.input >= 0 ? ctx.input(bound.input)
                                      : ctx.scalar(name, *bound.value);
  return binary(ctx, code, x, tensor, std::nullopt, cat("clip_", name));
}

void translate_clip(NodeContext& ctx) {
  const ClipBound lo = clip_bound(ctx, 1, "min"), hi = clip_bound(ctx, 2, "max");
  if (ctx.input_type(0) == ElementType::kFloat32) {
    if (const std::optional<BuiltinOperator> relu = relu_for(lo, hi)) {
      ctx.set_output(0, ctx.op(*relu, {ctx.input(0)}));
      return;
    }
  }
  // min(max(x, lo), hi): hi wins when lo > hi, as ONNX specifies.
  const int low = clip_with(ctx, BuiltinOperator::MAXIMUM, ctx.input(0), lo, "min");
  ctx.set_output(0, clip_with(ctx, BuiltinOperator::MINIMUM, low, hi, "max"));
}

void translate_not(NodeContext& ctx) {
  ctx.set_output(0, ctx.op(BuiltinOperator::LOGICAL_NOT, {ctx.input(0)}));
}

// Where(condition, x, y); x and y of a type TFLite's SELECT_V2 takes.
void translate_where(NodeContext& ctx) {
  const ElementType type = ctx.input_type(1);
  ctx.check(ctx.input_type(0) == ElementType::kBool, "condition must be bool");
  ctx.check(ctx.input_type(2) == type, "X and Y must have one element type");
  constexpr ElementType kSelectTypes[] = {ElementType::kFloat32, ElementType::kInt8, ElementType::kUInt8,
                                          ElementType::kInt16,   ElementType::kInt32, ElementType::kInt64,
                                          ElementType::kBool};
  if (std::find(std::begin(kSelectTypes), std::end(kSelectTypes), type) == std::end(kSelectTypes))
    ctx.unsupported(element_type_name(type), " X and Y (SELECT_V2 has no such kernel)");
  ctx.set_output(0, ctx.op(BuiltinOperator::SELECT_V2, {ctx.input(0), ctx.input(1), ctx.input(2)}, {}, type));
}

LQ_REGISTER_ONNX_OP_WITH("Add", translate_binary, BuiltinOperator::ADD);
LQ_REGISTER_ONNX_OP_WITH("Sub", translate_binary, BuiltinOperator::SUB);
LQ_REGISTER_ONNX_OP_WITH("Mul", translate_binary, BuiltinOperator::MUL);
// Integer Div truncates toward zero (TFLite's int32 DIV, as ONNX Runtime); a zero divisor fails.
LQ_REGISTER_ONNX_OP_WITH("Div", translate_binary, BuiltinOperator::DIV);
LQ_REGISTER_ONNX_OP_WITH("And", translate_binary, BuiltinOperator::LOGICAL_AND);
LQ_REGISTER_ONNX_OP_WITH("Or", translate_binary, BuiltinOperator::LOGICAL_OR);
// Xor on bools is a != b.
LQ_REGISTER_ONNX_OP_WITH("Xor", translate_comparison, BuiltinOperator::NOT_EQUAL);
LQ_REGISTER_ONNX_OP_WITH("Max", translate_variadic, BuiltinOperator::MAXIMUM);
LQ_REGISTER_ONNX_OP_WITH("Min", translate_variadic, BuiltinOperator::MINIMUM);
LQ_REGISTER_ONNX_OP_WITH("Sum", translate_variadic, BuiltinOperator::ADD);
LQ_REGISTER_ONNX_OP_WITH("Equal", translate_comparison, BuiltinOperator::EQUAL);
LQ_REGISTER_ONNX_OP_WITH("Greater", translate_comparison, BuiltinOperator::GREATER);
LQ_REGISTER_ONNX_OP_WITH("GreaterOrEqual", translate_comparison,
                         BuiltinOperator::GREATER_EQUAL);
LQ_REGISTER_ONNX_OP_WITH("Less", translate_comparison, BuiltinOperator::LESS);
LQ_REGISTER_ONNX_OP_WITH("LessOrEqual", translate_comparison, BuiltinOperator::LESS_EQUAL);
LQ_REGISTER_ONNX_OP("Pow", translate_pow);
LQ_REGISTER_ONNX_OP("Mean", translate_mean);
LQ_REGISTER_ONNX_OP("Clip", translate_clip);
LQ_REGISTER_ONNX_OP("Not", translate_not);
LQ_REGISTER_ONNX_OP("Where", translate_where);

}  // namespace
}  // namespace lq::frontend
