// PRELU, int8: out = x >= 0 ? x : alpha * x, with alpha an int8 tensor (its own scale and zero
// point, usually one value per channel) broadcast against the input. Measured on LiteRT.js 2.5.3
// (every int8 input against 8 alpha values under 3 quantizations): TFLite's kernel, under both
// arithmetics (a float32 evaluation differs in up to 6 of 2048 elements):
//   y = clamp(zo + (x >= zi ? requantize1(x - zi) : requantize2((x - zi) * (alpha - za))))
// requantize1: the Q31 multiplier of f32(si / so), requantize2: of f32(f32(si * sa) / so), both
// with double rounding.
#include "kernels/reference/binary.h"
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

struct State {
  int32_t input_zero_point = 0, alpha_zero_point = 0, output_zero_point = 0;
  arith::QuantizedMultiplier identity, slope;
};

void prepare(OpContext& ctx) {
  prepare_binary_same(ctx);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant alpha = int8_per_tensor(ctx, ctx.input(1), "alpha");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  s.input_zero_point = in.zero_point;
  s.alpha_zero_point = alpha.zero_point;
  s.output_zero_point = out.zero_point;
  // TFLite computes both ratios in float32.
  s.identity = checked_multiplier(ctx, static_cast<double>(in.scale / out.scale), "scale ratio");
  s.slope = checked_multiplier(ctx, static_cast<double>(in.scale * alpha.scale / out.scale),
                               "alpha scale ratio");
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  eval_binary<int8_t, int8_t>(ctx, [&](int8_t x, int8_t alpha) {
    const int32_t d = x - s.input_zero_point;
    const int32_t y =
        d >= 0 ? arith::multiply_by_quantized_multiplier(d, s.identity,
                                                         arith::Rounding::kDoubleRounding)
               : arith::multiply_by_quantized_multiplier(d * (alpha - s.alpha_zero_point), s.slope,
                                                         arith::Rounding::kDoubleRounding);
    return saturate_int8(int64_t{y} + s.output_zero_point);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(PRELU, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
