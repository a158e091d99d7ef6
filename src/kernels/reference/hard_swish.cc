// HARD_SWISH: out = x * relu6(x + 3) / 6, evaluated as XNNPACK does, which LiteRT.js runs:
// x * clamp(x * f32(1/6) + 0.5, 0, 1) in float32 without fused multiply-add (0 of 65,536 elements
// differ; TFLite's reference order x * relu6(x + 3) / 6 differs in the last bit on about 1 in 6).
#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  eval_unary_float(ctx, [](float x) {
    constexpr float kSixth = 1.0f / 6.0f;  // f32(1/6); no fused multiply-add (CMakeLists.txt)
    return x * std::min(std::max(x * kSixth + 0.5f, 0.0f), 1.0f);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(HARD_SWISH, kFloat32, kReference, prepare_unary_float, eval);

}  // namespace lq::ref
