// Cast and CastLike: CAST between the element types litequant's CAST kernel converts (float32,
// int8, uint8, int16, int32, int64, bool; float to integer truncates toward zero, as ONNX), and
// DEQUANTIZE for float16 to float32 (how TFLite stores float16 tensors). Other types (float64,
// float16 outputs, string, bfloat16, ...) are unsupported variants.
#include "frontend/onnx/node_context.h"
#include "kernels/kernel_registry.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// CAST's kernel is keyed by its input type and converts between exactly the types it is
// registered for.
bool cast_converts(ElementType type) {
  const rt::KernelKey key{BuiltinOperator::CAST, "", type, rt::KernelKind::kReference};
  return rt::KernelRegistry::global().find(key) != nullptr;
}

void cast_to(NodeContext& ctx, ElementType to) {
  const ElementType from = ctx.input_type(0);
  const int x = ctx.input(0);
  if (from == to) {
    ctx.set_output(0, x);
  } else if (from == ElementType::kFloat16 && to == ElementType::kFloat32) {
    ctx.set_output(0, ctx.op(BuiltinOperator::DEQUANTIZE, {x}, {}, to));
  } else if (cast_converts(from) && cast_converts(to)) {
    tflite::CastOptionsT options;
    options.in_data_type = static_cast<tflite::TensorType>(from);
    options.out_data_type = static_cast<tflite::TensorType>(to);
    ctx.set_output(0, ctx.op(BuiltinOperator::CAST, {x}, make_options(options), to));
  } else {
    ctx.unsupported("cast from ", element_type_name(from), " to ", element_type_name(to));
  }
}

void translate_cast(NodeContext& ctx) {
  ctx.check(ctx.has_attr("to"), "has no 'to' attribute");
  const int64_t to = ctx.attr_int("to", 0);
  ElementType type = ElementType::kFloat32;
  try {
    type = element_type_from_onnx(static_cast<int32_t>(to), "to");
  } catch (const Error& e) {
    ctx.unsupported(e.what());  // a type TFLite tensors cannot hold
  }
  cast_to(ctx, type);
}

void translate_cast_like(NodeContext& ctx) { cast_to(ctx, ctx.input_type(1)); }

LQ_REGISTER_ONNX_OP("Cast", translate_cast);
LQ_REGISTER_ONNX_OP("CastLike", translate_cast_like);

}  // namespace
}  // namespace lq::frontend
