// LOGISTIC: out = 1 / (1 + e^-x). Under the runtime arithmetic (default) it is computed as
// XNNPACK's f32 sigmoid computes it, since LiteRT.js runs LOGISTIC through XNNPACK and a last-bit
// difference matters downstream (a hybrid op quantizes its input on the fly). With z = |x|:
// e^-z = 2^n e^-t, n = round(-z / ln 2) found with a magic-bias addition, t = z + n ln 2 reduced
// in two steps (ln 2 split into a high and a low part), e^-t from a degree-5 polynomial; then
// f = e^-z / (1 + e^-z), 0 beyond the point where e^-z is subnormal, and 1 - f for positive x.
// Every step is one float multiply or add, in this order, as the WebAssembly SIMD kernel does
// them (no fused multiply-add). Under --arithmetic tflite-reference: TFLite's reference, with its
// cutoffs: 1 above 16.619047 (where the float result is 1 anyway) and e^x below -9 (where 1 + e^x
// rounds to 1).
#include "kernels/reference/unary.h"

#include <bit>
#include <cmath>
#include <cstdint>

namespace lq::ref {
namespace {

float xnnpack_logistic(float x) {
  // 1.5 * 2^23 + 127: after adding it, the low mantissa bits hold n + 127, the biased exponent.
  constexpr float kMagicBias = 0x1.8000FEp23f;
  constexpr float kMinusLog2e = -0x1.715476p+0f;
  constexpr float kLn2Hi = 0x1.62E400p-1f;
  constexpr float kLn2Lo = 0x1.7F7D1Cp-20f;
  constexpr float kC5 = -0x1.0F9F9Cp-7f;
  constexpr float kC4 = 0x1.573A1Ap-5f;
  constexpr float kC3 = -0x1.555A80p-3f;
  constexpr float kC2 = 0x1.FFFDC6p-2f;
  constexpr float kC1 = -0x1.FFFFF6p-1f;
  constexpr float kDenormCutoff = 0x1.5D589Ep+6f;  // e^-z below this is subnormal

  const float z = std::fabs(x);
  float n = z * kMinusLog2e + kMagicBias;
  const float s = std::bit_cast<float>(std::bit_cast<uint32_t>(n) << 23);  // 2^n
  n -= kMagicBias;
  float t = n * kLn2Hi + z;
  t = n * kLn2Lo + t;
  float p = t * kC5 + kC4;
  p = t * p + kC3;
  p = t * p + kC2;
  p = t * p + kC1;
  t *= s;
  const float e = t * p + s;  // e^-z
  float f = e / (e + 1.0f);
  if (z > kDenormCutoff) f = 0.0f;
  return std::signbit(x) ? f : 1.0f - f;
}

float tflite_logistic(float x) {
  constexpr float kUpper = 16.619047164916992188f;
  constexpr float kLower = -9.0f;
  if (x > kUpper) return 1.0f;
  if (x < kLower) return std::exp(x);
  return 1.0f / (1.0f + std::exp(-x));
}

void eval(OpContext& ctx) {
  if (ctx.arithmetic() == arith::Arithmetic::kTfliteReference)
    eval_unary_float(ctx, tflite_logistic);
  else
    eval_unary_float(ctx, xnnpack_logistic);
}

}  // namespace

LQ_REGISTER_KERNEL(LOGISTIC, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
