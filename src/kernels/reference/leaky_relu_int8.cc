// LEAKY_RELU, int8: out = x >= 0 ? x : alpha * x, requantized to the output's parameters.
// Measured on LiteRT.js 2.5.3 (every int8 input under 7 quantizations and slopes): XNNPACK runs it
// when it accepts the scale ratios, with 8-bit fixed-point multipliers:
//   m+ = rint(256 * f32(si / so)),  m- = rint(256 * f32(f32(si / so) * alpha))
//   y  = clamp(((x - zi) * (x >= zi ? m+ : m-) + 128) >> 8) + zo)     (arithmetic shift)
// It accepts si / so in [2^-8, 2^7] and a negative ratio in [-0x1.FFFCp+6, 2^7] of magnitude at
// least 2^-8; otherwise (and always under kTfliteReference) TFLite's kernel runs (a slope of 0.003
// was measured to run there):
//   y  = clamp(zo + requantize(x - zi)), with the Q31 multiplier of f32(si / so) for x >= zi and
//        of f32(f32(si * alpha) / so) below, double rounding.
#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

bool xnnpack_takes(float positive_ratio, float negative_ratio) {
  return positive_ratio >= 0x1.0p-8f && positive_ratio <= 0x1.0p+7f &&
         negative_ratio >= -0x1.FFFCp+6f && negative_ratio <= 0x1.0p+7f &&
         std::fabs(negative_ratio) >= 0x1.0p-8f;
}

void prepare_xnnpack(OpContext& ctx, Int8UnaryQuant q, float positive_ratio, float negative_ratio) {
  const auto multiplier = [](float ratio) {
    return static_cast<int32_t>(std::lrintf(256.0f * ratio));
  };
  const int32_t positive = multiplier(positive_ratio), negative = multiplier(negative_ratio);
  make_int8_lut(ctx, [&](int32_t x) {
    const int32_t d = x - q.input.zero_point;
    return ((d * (d >= 0 ? positive : negative) + 128) >> 8) + q.output.zero_point;
  });
}

void prepare_tflite(OpContext& ctx, Int8UnaryQuant q, float alpha) {
  const arith::QuantizedMultiplier identity =
      checked_multiplier(ctx, static_cast<double>(q.input.scale / q.output.scale), "scale ratio");
  const arith::QuantizedMultiplier slope =
      checked_multiplier(ctx, static_cast<double>(q.input.scale * alpha / q.output.scale),
                         "negative-side scale ratio");
  make_int8_lut(ctx, [&](int32_t x) {
    const int32_t d = x - q.input.zero_point;
    return int64_t{q.output.zero_point} +
           arith::multiply_by_quantized_multiplier(d, d >= 0 ? identity : slope,
                                                   arith::Rounding::kDoubleRounding);
  });
}

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  const float alpha = ctx.options<tflite::LeakyReluOptionsT>().alpha;
  const float positive_ratio = q.input.scale / q.output.scale;
  const float negative_ratio = positive_ratio * alpha;
  if (ctx.arithmetic() == arith::Arithmetic::kRuntime &&
      xnnpack_takes(positive_ratio, negative_ratio))
    prepare_xnnpack(ctx, q, positive_ratio, negative_ratio);
  else
    prepare_tflite(ctx, q, alpha);
}

}  // namespace

LQ_REGISTER_KERNEL(LEAKY_RELU, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
