// SOFTMAX, float, over the last axis, as TFLite's reference: per row, the max; then
// exp((x - max) * beta) summed in float in order; then each exponential divided by the sum.
#include <cmath>
#include <limits>

#include "kernels/reference/common.h"

namespace lq::ref {
namespace {

struct SoftmaxState {
  float beta = 1.0f;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& input = ctx.input(0);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.check(input.rank() >= 1, "input '", input.name(), "' is a scalar, expected rank 1 or more");
  ctx.set_output_shape(0, input.shape);
  ctx.make_state<SoftmaxState>().beta = ctx.options<tflite::SoftmaxOptionsT>().beta;
}

void eval(OpContext& ctx) {
  const float beta = ctx.state<SoftmaxState>().beta;
  const TensorBuffer& input = ctx.input(0);
  const float* in = input.as<float>();
  float* out = ctx.output(0).as<float>();
  const int64_t depth = input.dim(-1);
  const int64_t rows = depth == 0 ? 0 : input.elements() / depth;
  for (int64_t r = 0; r < rows; ++r) {
    const float* x = in + r * depth;
    float* y = out + r * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int64_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
    float sum = 0.0f;
    for (int64_t c = 0; c < depth; ++c) {
      y[c] = std::exp((x[c] - max) * beta);
      sum += y[c];
    }
    for (int64_t c = 0; c < depth; ++c) y[c] = y[c] / sum;
  }
}

}  // namespace

LQ_REGISTER_KERNEL(SOFTMAX, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
