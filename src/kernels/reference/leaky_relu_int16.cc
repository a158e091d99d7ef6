// LEAKY_RELU, int16: out = x >= 0 ? x : alpha * x, requantized to the output's scale. XNNPACK takes
// no int16, so LiteRT.js runs TFLite's QuantizeLeakyRelu under both arithmetics:
//   y = clamp(requantize(x)), with the Q31 multiplier of f32(si / so) for x >= 0 and of
//       f32(f32(si * alpha) / so) below, double rounding
// (the int8 kernel's TFLite path, leaky_relu_int8.cc, with zero points 0).
#include "kernels/reference/lut_int8.h"
#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

struct State {
  arith::QuantizedMultiplier identity, slope;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  const float alpha = ctx.options<tflite::LeakyReluOptionsT>().alpha;
  State& s = ctx.make_state<State>();
  s.identity = checked_multiplier(ctx, static_cast<double>(in / out), "scale ratio");
  s.slope = checked_multiplier(ctx, static_cast<double>(in * alpha / out),
                               "negative-side scale ratio");
  ctx.set_output_shape(0, ctx.input(0).shape);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& input = ctx.input(0);
  const int16_t* in = input.as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  const int64_t count = input.elements();
  for (int64_t i = 0; i < count; ++i) {
    const int32_t y = arith::multiply_by_quantized_multiplier(
        in[i], in[i] >= 0 ? s.identity : s.slope, arith::Rounding::kDoubleRounding);
    out[i] = static_cast<int16_t>(std::clamp(y, -32768, 32767));
  }
}

}  // namespace

LQ_REGISTER_KERNEL(LEAKY_RELU, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
