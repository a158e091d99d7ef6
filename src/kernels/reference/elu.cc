// ELU: out = x < 0 ? e^x - 1 : x (with expm1, as TFLite, for accuracy near 0).
#include "kernels/reference/unary.h"

#include <cmath>

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return x < 0.0f ? std::expm1(x) : x; });
}

}  // namespace

LQ_REGISTER_KERNEL(ELU, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
