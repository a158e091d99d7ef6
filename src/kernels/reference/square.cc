// SQUARE: out = x * x.
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return x * x; });
}

}  // namespace

LQ_REGISTER_KERNEL(SQUARE, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
