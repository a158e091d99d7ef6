// PRELU: out = x >= 0 ? x : alpha * x, the alpha tensor broadcast against the input (usually one
// alpha per channel, shape [1, 1, C] for an NHWC input).
#include "kernels/reference/binary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_binary(ctx, ElementType::kFloat32, ElementType::kFloat32); }

void eval(OpContext& ctx) {
  eval_binary<float, float>(ctx, [](float x, float alpha) { return x >= 0.0f ? x : x * alpha; });
}

}  // namespace

LQ_REGISTER_KERNEL(PRELU, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
