// HARD_SWISH, int8: out = x * relu6(x + 3) / 6, in TFLite's 16-bit fixed point (its reference and
// optimized kernels agree). Measured on LiteRT.js 2.5.3 (every int8 input under 6 quantizations):
// this is what it runs under both arithmetics (XNNPACK does not take int8 HARD_SWISH); float32
// evaluations differ in up to 29 of 256 elements.
//   v  = (x - zi) * 2^7                                   the input on a finer ("hires") scale
//   p  = v * M_out          (rounding doubling high mul)  the identity branch on the output scale,
//                                                         before the output shift
//   r  = v * M_relu, shifted to Q15 with saturation       x / 3 clamped to [-1, 1] ...
//   r' = (r + 2^15) >> 1                                  ... mapped to relu6(x + 3) / 6 in [0, 1]
//   y  = round_shift(p * r' (truncating doubling high mul), -e_out) + zo, saturated
// M_out, e_out: (si / 128) / so, and M_relu, e_relu: (si / 128) / (3 / 32768), each a Q31
// multiplier rounded to Q15. TFLite requires e_out <= 0 (so > si / 128), and so do we.
#include "kernels/reference/lut_int8.h"

#include <limits>

namespace lq::ref {
namespace {

constexpr int32_t kInt16Min = std::numeric_limits<int16_t>::min();
constexpr int32_t kInt16Max = std::numeric_limits<int16_t>::max();

int32_t saturate_int16(int32_t v) { return std::clamp(v, kInt16Min, kInt16Max); }

// a * b * 2 / 2^16 rounded to nearest (ties toward +infinity), saturating INT16_MIN^2.
int32_t rounding_doubling_high_mul(int32_t a, int32_t b) {
  if (a == kInt16Min && b == kInt16Min) return kInt16Max;
  const int32_t ab = a * b;
  const int32_t nudge = ab >= 0 ? (1 << 14) : 1 - (1 << 14);
  return (ab + nudge) / (1 << 15);  // C++ division truncates toward zero
}

// The same without rounding (truncating toward zero): TFLite uses it for the final product to
// cancel the bias of the rounding one.
int32_t doubling_high_mul(int32_t a, int32_t b) {
  if (a == kInt16Min && b == kInt16Min) return kInt16Max;
  return (a * b) / (1 << 15);
}

// TFLite's DownScaleInt32ToInt16Multiplier: a Q31 multiplier rounded to Q15, saturating.
int32_t to_q15(int32_t q31) {
  if (q31 >= std::numeric_limits<int32_t>::max() - (1 << 15)) return kInt16Max;
  return (q31 + (1 << 15)) >> 16;
}

struct Params {
  int32_t input_zero_point = 0, output_zero_point = 0;
  int32_t output_multiplier = 0, relu_multiplier = 0;  // Q15
  int output_exponent = 0, relu_exponent = 0;
};

int32_t hard_swish(const Params& p, int32_t x) {
  const int32_t hires = (x - p.input_zero_point) * (1 << 7);  // |hires| <= 255 * 128: int16
  const int32_t preshift = rounding_doubling_high_mul(hires, p.output_multiplier);
  int32_t relu = hires;
  // Left shifts saturate in int16: all but the last bit before the multiply, the last one after,
  // so that only the last saturation can affect the result (as TFLite).
  if (p.relu_exponent > 0) relu = saturate_int16(relu * (1 << (p.relu_exponent - 1)));
  relu = rounding_doubling_high_mul(relu, p.relu_multiplier);
  if (p.relu_exponent > 0) relu = saturate_int16(relu * 2);
  if (p.relu_exponent < 0) relu = arith::rounding_divide_by_pot(relu, -p.relu_exponent);
  relu = (relu + (1 << 15)) >> 1;  // [-1, 1] in Q15 to [0, 1]
  const int32_t y = doubling_high_mul(relu, preshift);
  return arith::rounding_divide_by_pot(y, -p.output_exponent) + p.output_zero_point;
}

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  // TFLite computes these ratios in float32.
  const float hires_scale = q.input.scale / 128.0f;
  const arith::QuantizedMultiplier out =
      checked_multiplier(ctx, hires_scale / q.output.scale, "scale ratio");
  const arith::QuantizedMultiplier relu =
      arith::quantize_multiplier(hires_scale / (3.0f / 32768.0f));
  ctx.check(out.shift <= 0, "output '", ctx.output(0).name(), "' has scale ", q.output.scale,
            ", expected more than input scale / 128 (", hires_scale, ")");
  // A relu exponent beyond 15 shifts int16 values out entirely; the result saturates the same.
  const Params p{q.input.zero_point,      q.output.zero_point, to_q15(out.multiplier),
                 to_q15(relu.multiplier), out.shift,           std::clamp(relu.shift, -31, 16)};
  make_int8_lut(ctx, [&](int32_t x) { return hard_swish(p, x); });
}

}  // namespace

LQ_REGISTER_KERNEL(HARD_SWISH, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
