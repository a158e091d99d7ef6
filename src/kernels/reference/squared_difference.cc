// SQUARED_DIFFERENCE: out = (a - b)^2, with broadcasting; no fused activation.
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_binary(ctx, ElementType::kFloat32, ElementType::kFloat32); }

void eval(OpContext& ctx) {
  eval_binary<float, float>(ctx, [](float a, float b) {
    const float d = a - b;
    return d * d;
  });
}

}  // namespace

LQ_REGISTER_KERNEL(SQUARED_DIFFERENCE, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
