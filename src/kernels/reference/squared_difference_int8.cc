// SQUARED_DIFFERENCE, int8, with broadcasting: out = (a - b)^2, as TFLite's integer kernel. Both
// inputs are brought to a common scale (twice the larger input scale, 2^7 finer), subtracted, the
// difference squared and requantized:
//   a' = MultiplyByQuantizedMultiplierSmallerThanOne((a - za) * 2^7, Ma)   Ma: sa / (2 max(sa,sb))
//   b' likewise with Mb
//   y  = clamp(MultiplyByQuantizedMultiplierSmallerThanOne((a' - b')^2, Mo) + zo)
//        Mo: (2 max(sa, sb))^2 / (2^14 so)
// Q31 multipliers with double rounding. TFLite requires Mo < 1 (a larger ratio aborts it); so do
// we, with an error. LiteRT.js's figures: tests/models/int8_more_kernels_test.cc.
#include "kernels/reference/binary.h"
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

constexpr int kLeftShift = 7;

struct State {
  arith::QuantizedMultiplier a, b, output;
  int32_t a_zero_point = 0, b_zero_point = 0, output_zero_point = 0;
};

// A multiplier below one, as TFLite's QuantizeMultiplierSmallerThanOneExp requires.
arith::QuantizedMultiplier below_one(const OpContext& ctx, double real, const char* what) {
  const arith::QuantizedMultiplier m = checked_multiplier(ctx, real, what);
  ctx.check(m.shift <= 0, "has a ", what, " of ", real,
            ", expected less than 1 (the output scale is too small for the inputs' scales)");
  return m;
}

void prepare(OpContext& ctx) {
  prepare_binary(ctx, ElementType::kInt8, ElementType::kInt8);
  const Int8Quant a = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant b = int8_per_tensor(ctx, ctx.input(1), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  State& s = ctx.make_state<State>();
  // TFLite's types: the larger scale in float, the ratios in double, 2^14 * so in float.
  const double twice_max = 2.0 * static_cast<double>(std::max(a.scale, b.scale));
  s.a = below_one(ctx, static_cast<double>(a.scale) / twice_max, "input multiplier");
  s.b = below_one(ctx, static_cast<double>(b.scale) / twice_max, "input multiplier");
  const float shifted_output = static_cast<float>(1 << (2 * kLeftShift)) * out.scale;
  s.output = below_one(ctx, twice_max * twice_max / static_cast<double>(shifted_output),
                       "output multiplier");
  s.a_zero_point = a.zero_point;
  s.b_zero_point = b.zero_point;
  s.output_zero_point = out.zero_point;
}

int32_t rescale(int32_t x, int32_t zero_point, arith::QuantizedMultiplier m) {
  return arith::multiply_by_quantized_multiplier((x - zero_point) * (1 << kLeftShift), m,
                                                 arith::Rounding::kDoubleRounding);
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  eval_binary<int8_t, int8_t>(ctx, [&](int8_t a, int8_t b) {
    const int32_t d = rescale(a, s.a_zero_point, s.a) - rescale(b, s.b_zero_point, s.b);
    // |d| < 2^15, so d^2 fits in int32.
    const int64_t y = int64_t{arith::multiply_by_quantized_multiplier(
                          d * d, s.output, arith::Rounding::kDoubleRounding)} +
                      s.output_zero_point;
    return saturate_int8(y);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(SQUARED_DIFFERENCE, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
