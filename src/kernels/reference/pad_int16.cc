// PAD and PADV2, int16: a copy, so input and output must share their (per-tensor, zero point 0)
// quantization. The padding holds real 0, i.e. 0, unless the op has a constant value input (PADV2,
// or a PAD written with one), which must be int16 with the output's scale and is copied raw, as
// TFLite's EvalInt<int16_t> does (LiteRT.js runs it: XNNPACK takes no int16).
#include "kernels/reference/pad_common.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_pad_geometry(ctx, ElementType::kInt16);
  const float scale = int16_equal_input_output(ctx);
  if (!ctx.has_input(2)) return;
  const TensorBuffer& constant = ctx.input(2);
  const float value_scale = int16_per_tensor(ctx, constant, "constant value");
  ctx.check(value_scale == scale, "constant value '", constant.name(), "' has scale ", value_scale,
            ", expected the output's (", scale, ")");
  ctx.check(constant.elements() == 1, "constant value '", constant.name(), "' has shape ",
            shape_string(constant.shape), ", expected one element");
}

void eval(OpContext& ctx) {
  const int16_t value = ctx.has_input(2) ? ctx.input(2).as<int16_t>()[0] : int16_t{0};
  eval_pad_bytes(ctx, &value, sizeof(int16_t));
}

}  // namespace

LQ_REGISTER_KERNEL(PAD, kInt16, kReference, prepare, eval);
LQ_REGISTER_KERNEL(PADV2, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
