// LOGISTIC: out = 1 / (1 + e^-x), with TFLite's reference cutoffs: 1 above 16.619047 (where the
// float result is 1 anyway) and e^x below -9 (where 1 + e^x rounds to 1).
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

float logistic(float x) {
  constexpr float kUpper = 16.619047164916992188f;
  constexpr float kLower = -9.0f;
  if (x > kUpper) return 1.0f;
  if (x < kLower) return std::exp(x);
  return 1.0f / (1.0f + std::exp(-x));
}

void eval(OpContext& ctx) { eval_unary_float(ctx, logistic); }

}  // namespace

LQ_REGISTER_KERNEL(LOGISTIC, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
