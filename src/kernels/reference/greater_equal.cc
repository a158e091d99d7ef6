// GREATER_EQUAL: out = a >= b on float inputs, a bool output, with broadcasting.
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_binary(ctx, ElementType::kFloat32, ElementType::kBool); }

void eval(OpContext& ctx) {
  eval_binary<float, bool>(ctx, [](float a, float b) { return a >= b; });
}

}  // namespace

LQ_REGISTER_KERNEL(GREATER_EQUAL, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
