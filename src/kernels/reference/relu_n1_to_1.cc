// RELU_N1_TO_1: out = min(max(x, -1), 1); NaN stays NaN, as in TFLite.
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) { return x > 1.0f ? 1.0f : (x < -1.0f ? -1.0f : x); });
}

}  // namespace

LQ_REGISTER_KERNEL(RELU_N1_TO_1, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
