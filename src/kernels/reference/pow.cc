// POW: out = a^b, with broadcasting; no fused activation.
// std::pow, as TFLite: a negative base with a non-integer exponent gives NaN.
#include "kernels/reference/binary.h"

#include <cmath>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) { prepare_binary(ctx, ElementType::kFloat32, ElementType::kFloat32); }

void eval(OpContext& ctx) {
  eval_binary<float, float>(ctx, [](float a, float b) { return std::pow(a, b); });
}

}  // namespace

LQ_REGISTER_KERNEL(POW, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
