// L2_NORMALIZATION, int8, over the last dimension: out = x / sqrt(sum of x^2), output fixed at
// scale 1/128 and zero point 0 (so 1.0 saturates to 127). TFLite's integer kernel, which LiteRT.js
// runs under both arithmetics (XNNPACK has no int8 L2 normalization):
//   acc = sum (x - zi)^2                         (int32, over the row)
//   y   = clamp(MultiplyByQuantizedMultiplier(x - zi, R * 2^7))
// R: 1 / sqrt(acc) as TFLite's GetInvSqrtQuantizedMultiplierExp (inv_sqrt.h), double rounding.
// The input scale cancels out. A fused activation is rejected, as TFLite does.
#include "kernels/reference/inv_sqrt.h"
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  check_fixed_int8_output(ctx, q.output, 1.0f / 128, 0);
  const TensorBuffer& in = ctx.input(0);
  ctx.check(in.rank() >= 1, "input '", in.name(), "' is a scalar, expected at least one dimension");
  ctx.check(ctx.options<tflite::L2NormOptionsT>().fused_activation_function ==
                tflite::ActivationFunctionType::NONE,
            "has a fused activation, which TFLite's kernel does not take");
  ctx.make_state<Int8Quant>() = q.input;
}

void eval(OpContext& ctx) {
  const int32_t zero_point = ctx.state<Int8Quant>().zero_point;
  const TensorBuffer& input = ctx.input(0);
  const int8_t* in = input.as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  const int64_t depth = input.shape.back();
  const int64_t rows = depth == 0 ? 0 : input.elements() / depth;
  constexpr int kOutputShift = 7;  // the output's 1/128 scale
  for (int64_t r = 0; r < rows; ++r) {
    const int8_t* x = in + r * depth;
    int64_t acc = 0;
    for (int64_t i = 0; i < depth; ++i) acc += (x[i] - zero_point) * (x[i] - zero_point);
    arith::QuantizedMultiplier m = inverse_sqrt_multiplier(accumulator(acc));
    m.shift += kOutputShift;
    for (int64_t i = 0; i < depth; ++i)
      out[r * depth + i] = saturate_int8(arith::multiply_by_quantized_multiplier(
          x[i] - zero_point, m, arith::Rounding::kDoubleRounding));
  }
}

}  // namespace

LQ_REGISTER_KERNEL(L2_NORMALIZATION, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
