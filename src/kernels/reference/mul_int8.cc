// MUL, int8: out = clamp(zo + requantize((a - za) * (b - zb))) with broadcasting. The product's
// multiplier is f32(f32(sa * sb) / so) in both runtimes (TFLite computes it in float too). Under
// kRuntime it is applied as XNNPACK does (float32 product, round half to even) when XNNPACK takes
// the op (multiplier in [2^-16, 2^8), TFLite's delegate check), otherwise as TFLite's reference
// (Q31 multiplier, double rounding).
#include "kernels/reference/binary.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

struct State {
  Int8OutputStage stage;  // one channel
  int32_t a_zero_point = 0, b_zero_point = 0;
};

void prepare(OpContext& ctx) {
  prepare_binary_same(ctx);
  const Int8Quant a = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant b = int8_per_tensor(ctx, ctx.input(1), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  s.a_zero_point = a.zero_point;
  s.b_zero_point = b.zero_point;
  const float scale = arith::float32_requantization_scale(a.scale, b.scale, out.scale);
  s.stage.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime && scale >= 0x1.0p-16f &&
                    scale < 0x1.0p+8f;
  s.stage.scales = {scale};
  s.stage.multipliers = {arith::quantize_multiplier(static_cast<double>(scale))};
  s.stage.zero_point = out.zero_point;
  const Int8Range range = int8_activation_range(
      ctx, ctx.options<tflite::MulOptionsT>().fused_activation_function, out, s.stage.float32);
  s.stage.lo = range.lo;
  s.stage.hi = range.hi;
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  eval_binary<int8_t, int8_t>(ctx, [&](int8_t a, int8_t b) {
    return s.stage.requantize((a - s.a_zero_point) * (b - s.b_zero_point), 0);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(MUL, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
