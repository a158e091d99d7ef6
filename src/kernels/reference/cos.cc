// COS: out = cos(x).
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return std::cos(x); });
}

}  // namespace

LQ_REGISTER_KERNEL(COS, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
