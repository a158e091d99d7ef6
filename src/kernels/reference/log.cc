// LOG: out = ln(x); ln(0) = -inf and ln(x < 0) = NaN, as in TFLite.
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return std::log(x); });
}

}  // namespace

LQ_REGISTER_KERNEL(LOG, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
