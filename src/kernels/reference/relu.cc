// RELU: out = max(x, 0); NaN stays NaN, as in TFLite.
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return x < 0.0f ? 0.0f : x; });
}

}  // namespace

LQ_REGISTER_KERNEL(RELU, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
