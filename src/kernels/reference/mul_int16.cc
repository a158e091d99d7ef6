// MUL, 16x8: out = clamp(requantize(a * b)) with broadcasting; int16 inputs and output per tensor
// with zero point 0. As TFLite's integer kernel, which LiteRT.js runs under both arithmetics
// (XNNPACK takes no int16): the exact int32 product scaled by the Q31 multiplier of
// f32(f32(sa * sb) / so) (TFLite multiplies and divides the scales in float), double rounding.
#include "kernels/reference/binary.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

struct State {
  arith::QuantizedMultiplier multiplier;
  Int16Range range;
};

void prepare(OpContext& ctx) {
  prepare_binary_same(ctx);
  const float a = int16_per_tensor(ctx, ctx.input(0), "input");
  const float b = int16_per_tensor(ctx, ctx.input(1), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  const float real = a * b / out;
  ctx.check(std::isfinite(real), "scales ", a, " x ", b, " / ", out,
            " overflow float32, expected a finite output multiplier");
  s.multiplier = arith::quantize_multiplier(static_cast<double>(real));
  const auto activation = ctx.options<tflite::MulOptionsT>().fused_activation_function;
  s.range = int16_activation_range(ctx, activation, out);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  eval_binary<int16_t, int16_t>(ctx, [&](int16_t a, int16_t b) {
    return s.range.clamp(arith::multiply_by_quantized_multiplier(
        int32_t{a} * b, s.multiplier, arith::Rounding::kDoubleRounding));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(MUL, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
