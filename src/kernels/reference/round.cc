// ROUND: rounds to the nearest integer, ties to even (2.5 -> 2, 3.5 -> 4, -2.5 -> -2), as TFLite's
// RoundToNearest, independent of the floating-point environment's rounding mode.
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

float round_half_to_even(float x) {
  if (!std::isfinite(x)) return x;
  const float floor_x = std::floor(x);
  const float diff = x - floor_x;  // exact, in [0, 1); 0 for |x| >= 2^23
  if (diff < 0.5f || (diff == 0.5f && std::fmod(floor_x, 2.0f) == 0.0f)) return floor_x;
  return floor_x + 1.0f;
}

void eval(OpContext& ctx) { eval_unary_float(ctx, round_half_to_even); }

}  // namespace

LQ_REGISTER_KERNEL(ROUND, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
