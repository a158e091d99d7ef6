// L2_NORMALIZATION, float32, over the last dimension: out = x / max(sqrt(sum of x^2), 1e-6), the
// sum in float32 in index order, as TFLite's kernel (XNNPACK has no L2 normalization). A fused
// activation is rejected, as TFLite does. Quantized models calibrate through it.
#include <cmath>

#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_unary_float(ctx);
  const TensorBuffer& in = ctx.input(0);
  ctx.check(in.rank() >= 1, "input '", in.name(), "' is a scalar, expected at least one dimension");
  ctx.check(ctx.options<tflite::L2NormOptionsT>().fused_activation_function ==
                tflite::ActivationFunctionType::NONE,
            "has a fused activation, which TFLite's kernel does not take");
}

void eval(OpContext& ctx) {
  const TensorBuffer& input = ctx.input(0);
  const float* in = input.as<float>();
  float* out = ctx.output(0).as<float>();
  const int64_t depth = input.shape.back();
  const int64_t rows = depth == 0 ? 0 : input.elements() / depth;
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = in + r * depth;
    float squares = 0.0f;
    for (int64_t i = 0; i < depth; ++i) squares += x[i] * x[i];
    const float norm = std::max(std::sqrt(squares), 1e-6f);
    for (int64_t i = 0; i < depth; ++i) out[r * depth + i] = x[i] / norm;
  }
}

}  // namespace

LQ_REGISTER_KERNEL(L2_NORMALIZATION, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
