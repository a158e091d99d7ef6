// RSQRT: out = 1 / sqrt(x); rsqrt(0) = +inf, as in TFLite.
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return 1.0f / std::sqrt(x); });
}

}  // namespace

LQ_REGISTER_KERNEL(RSQRT, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
