// TANH: out = tanh(x).
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return std::tanh(x); });
}

}  // namespace

LQ_REGISTER_KERNEL(TANH, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
