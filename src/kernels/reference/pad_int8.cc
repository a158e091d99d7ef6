// PAD and PADV2, int8: a copy, so input and output must share their (per-tensor) quantization. The
// padding holds real 0, i.e. the output zero point, unless the op has a constant value input
// (PADV2, or a PAD written with one), which must be int8 with the output's parameters and is copied
// raw. LiteRT.js (XNNPACK's constant pad) and TFLite's reference agree: both are copies.
#include "kernels/reference/pad_common.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_pad_geometry(ctx, ElementType::kInt8);
  const Int8Quant out = int8_equal_input_output(ctx);
  if (ctx.has_input(2)) {
    const TensorBuffer& constant = ctx.input(2);
    const Int8Quant q = int8_per_tensor(ctx, constant, "constant value");
    ctx.check(q.scale == out.scale && q.zero_point == out.zero_point, "constant value '",
              constant.name(), "' has scale ", q.scale, " and zero point ", q.zero_point,
              ", expected the output's (", out.scale, ", ", out.zero_point, ")");
    ctx.check(constant.elements() == 1, "constant value '", constant.name(), "' has shape ",
              shape_string(constant.shape), ", expected one element");
  }
}

void eval(OpContext& ctx) {
  // prepare() checked the zero point is in the int8 range.
  const int8_t value = ctx.has_input(2)
                           ? ctx.input(2).as<int8_t>()[0]
                           : static_cast<int8_t>(ctx.output(0).quant().zero_point[0]);
  eval_pad_bytes(ctx, &value, sizeof(int8_t));
}

}  // namespace

LQ_REGISTER_KERNEL(PAD, kInt8, kReference, prepare, eval);
LQ_REGISTER_KERNEL(PADV2, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
