// MAXIMUM: out = a > b ? a : b, with broadcasting; no fused activation.
// As in TFLite, a NaN in b is returned and a NaN in a is not.
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_binary(ctx, ElementType::kFloat32, ElementType::kFloat32); }

void eval(OpContext& ctx) {
  eval_binary<float, float>(ctx, [](float a, float b) { return a > b ? a : b; });
}

}  // namespace

LQ_REGISTER_KERNEL(MAXIMUM, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
