// LOGISTIC: out = 1 / (1 + e^-x). Under the runtime arithmetic (default) it is computed as
// XNNPACK's f32 sigmoid computes it, since LiteRT.js runs LOGISTIC through XNNPACK and a last-bit
// difference matters downstream (a hybrid op quantizes its input on the fly). With z = |x|:
// f = e^-z / (1 + e^-z) with XNNPACK's exp (xnnpack_float.h; its sigmoid kernel writes the same
// steps with the signs of t and the odd coefficients flipped, which gives the same bits), 0
// beyond the point where e^-z is subnormal, and 1 - f for positive x. Under --arithmetic tflite-reference: TFLite's reference, with its
// cutoffs: 1 above 16.619047 (where the float result is 1 anyway) and e^x below -9 (where 1 + e^x
// rounds to 1).
#include "kernels/reference/unary.h"
#include "kernels/reference/xnnpack_float.h"

#include <cmath>

namespace lq::ref {
namespace {

float xnnpack_logistic(float x) {
  const float z = std::fabs(x);
  const float e = xnnpack_exp(-z);  // 0 where e^-z would be subnormal
  const float f = e / (e + 1.0f);
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
