// HARD_SWISH: out = x * relu6(x + 3) / 6, evaluated in that order as TFLite's reference kernel.
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx,
                   [](float x) { return x * std::min(6.0f, std::max(0.0f, x + 3.0f)) / 6.0f; });
}

}  // namespace

LQ_REGISTER_KERNEL(HARD_SWISH, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
