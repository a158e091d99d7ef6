// GELU: exact, out = x/2 * erfc(-x / sqrt(2)) (= x/2 * (1 + erf(x / sqrt(2))) without the
// cancellation for large negative x); with the `approximate` option,
// out = x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))). Both as TFLite's reference kernel.
#include "kernels/reference/unary.h"

#include <cmath>
#include <numbers>

namespace lq::ref {
namespace {

struct State {
  bool approximate = false;
};

float gelu(float x) {
  constexpr float kMinusSqrtHalf = static_cast<float>(-0.5 * std::numbers::sqrt2);
  return 0.5f * x * std::erfc(x * kMinusSqrtHalf);
}

float gelu_approximate(float x) {
  constexpr float kSqrt2OverPi = static_cast<float>(std::numbers::sqrt2 * std::numbers::inv_sqrtpi);
  return 0.5f * x * (1.0f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
}

void prepare(OpContext& ctx) {
  prepare_unary_float(ctx);
  ctx.make_state<State>().approximate = ctx.options<tflite::GeluOptionsT>().approximate;
}

void eval(OpContext& ctx) {
  if (ctx.state<State>().approximate)
    eval_unary_float(ctx, gelu_approximate);
  else
    eval_unary_float(ctx, gelu);
}

}  // namespace

LQ_REGISTER_KERNEL(GELU, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
