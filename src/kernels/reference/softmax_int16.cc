// SOFTMAX, 16x8 (int16 input and output, zero points 0, output scale 1/32768), over the last
// dimension of a 1-D to 4-D input. XNNPACK runs no int16 softmax, so LiteRT.js runs TFLite's
// SoftmaxInt16 under both arithmetics (measured: tests/models/transpose_conv_int_kernels_test.cc):
//   d    = (x - max) * M, rounded as TFLite's int32 MultiplyByQuantizedMultiplier, M = the Q31
//          multiplier of input_scale * beta * 65535 / 10 (so [-10, 0] spans [-65535, 0])
//   e    = exp_table(clamp(d + 32767)) in Q0.15       (513-entry table over [-10, 0])
//   sum  = the int32 sum of e over the row; h = its leading zero bits
//   r    = recip_table(clamp(round(sum << (h - 1) / 2^14) - 3 * 2^15))  1 / (1 + t), t in [0, 1]
//   y    = clamp((e * r + 2^(30 - h)) >> (31 - h), 0, 32767)
// Both tables hold f(x) * 32768 at 512 steps with half the midpoint interpolation error taken
// out, and are read with linear interpolation between entries (TFLite's LUTPopulate/LUTLookup).
#include <array>
#include <bit>
#include <cmath>

#include "kernels/reference/quantized_int16.h"

namespace lq::ref {
namespace {

using Table = std::array<int16_t, 513>;

// f over input [lo, hi] -> int16, output range [-1, 1]; in double, in TFLite's order.
Table make_table(double (*f)(double), double input_scale, int32_t input_zero_point) {
  const double lo = input_scale * (-32768 - input_zero_point);
  const double hi = input_scale * (32767 - input_zero_point);
  const double output_scale = 2.0 / 65535;
  const double output_span = output_scale * 32767 - output_scale * -32768;
  const double step = (hi - lo) / 512, half_step = step / 2;
  const double scale = 65536.0 / output_span;
  const auto saturate = [](double v) {
    return static_cast<int16_t>(std::clamp(v, -32768.0, 32767.0));
  };
  Table table{};
  for (int i = 0; i < 512; ++i) {
    const double at = f(lo + i * step), mid = f(lo + i * step + half_step);
    const double next = f(lo + (i + 1) * step);
    const double sample = std::round(at * scale);
    // The error of interpolating at the midpoint, half of it moved into the sample.
    const double interpolated = std::round((next * scale + sample) / 2);
    const double bias = std::round((interpolated - std::round(mid * scale)) / 2);
    table[static_cast<size_t>(i)] = saturate(sample - bias);
  }
  table[512] = saturate(std::round(f(hi) * scale));
  return table;
}

// Linear interpolation: the top 9 bits of (value + 32768) pick the entry, the low 7 weigh the next.
int16_t lookup(const Table& table, int16_t value) {
  const auto index = static_cast<size_t>(256 + (value >> 7));
  const int32_t offset = value & 0x7f;
  const int32_t base = table[index];
  const auto slope = static_cast<int16_t>(table[index + 1] - base);
  return static_cast<int16_t>(base + ((slope * offset + 64) >> 7));
}

int16_t saturate_int16(int64_t v) {
  return static_cast<int16_t>(std::clamp<int64_t>(v, -32768, 32767));
}

struct State {
  Table exp_table, reciprocal_table;
  arith::QuantizedMultiplier input_multiplier;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& input = ctx.input(0);
  const float input_scale = int16_per_tensor(ctx, input, "input");
  const float output_scale = int16_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(std::abs(output_scale * 32768.0f - 1.0f) <= 0.001f, "output '",
            ctx.output(0).name(), "' has scale ", output_scale,
            ", expected 1/32768 (TFLite's 16x8 softmax writes probabilities in Q0.15)");
  ctx.check(input.rank() >= 1 && input.rank() <= 4, "input '", input.name(), "' has rank ",
            input.rank(), ", expected 1 to 4 (TFLite's 16x8 softmax)");
  const float beta = ctx.options<tflite::SoftmaxOptionsT>().beta;
  ctx.check(std::isfinite(beta) && beta > 0.0f, "has beta ", beta, ", expected a positive value");
  ctx.set_output_shape(0, input.shape);

  State& s = ctx.make_state<State>();
  s.exp_table = make_table([](double v) { return std::exp(v); }, 10.0 / 65535, 32767);
  s.reciprocal_table = make_table([](double v) { return 1.0 / (1.0 + v); }, 1.0 / 65535, -32768);
  // TFLite multiplies the float scale by the float beta in float, then divides in double.
  const float scale_beta = input_scale * beta;
  s.input_multiplier =
      arith::quantize_multiplier(static_cast<double>(scale_beta) / (10.0 / 65535.0));
  // Differences down to -65535 are shifted left in int32 before the multiply (as TFLite does).
  ctx.check(s.input_multiplier.shift <= 15, "has beta ", beta, " and input scale ", input_scale,
            " whose product is above 2^15 * 10 / 65535, which TFLite's 16x8 softmax does not take");
}

void softmax_row(const State& s, const int16_t* x, int16_t* y, int64_t n) {
  const int32_t max = *std::max_element(x, x + n);
  uint32_t sum = 0;  // e <= 32767: wraps (as TFLite's int32 sum) only beyond 65536 elements
  for (int64_t i = 0; i < n; ++i) {
    const int32_t d = arith::multiply_by_quantized_multiplier(x[i] - max, s.input_multiplier,
                                                              arith::Rounding::kDoubleRounding);
    y[i] = lookup(s.exp_table, saturate_int16(int64_t{d} + 32767));
    sum += static_cast<uint32_t>(y[i]);
  }
  // The maximum contributes exp(0) = 32767: sum > 0, and below 2^31 for rows under 65536.
  const int headroom_plus_one = std::countl_zero(sum);
  const int64_t shifted = ((int64_t{sum} << (headroom_plus_one - 1)) + (1 << 13)) >> 14;
  const int16_t reciprocal =
      lookup(s.reciprocal_table, saturate_int16(shifted - ((1 << 15) + (1 << 16))));
  const int right_shift = 31 - headroom_plus_one;
  const int64_t round = int64_t{1} << (right_shift - 1);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t p = (int64_t{y[i]} * reciprocal + round) >> right_shift;
    y[i] = static_cast<int16_t>(std::clamp<int64_t>(p, 0, 32767));
  }
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& in = ctx.input(0);
  const int64_t depth = in.shape.back();
  if (depth == 0) return;
  const int16_t* x = in.as<int16_t>();
  int16_t* y = ctx.output(0).as<int16_t>();
  for (int64_t offset = 0; offset < in.elements(); offset += depth)
    softmax_row(s, x + offset, y + offset, depth);
}

}  // namespace

LQ_REGISTER_KERNEL(SOFTMAX, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
