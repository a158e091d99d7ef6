// LOG_SOFTMAX, float, over the last axis, as TFLite's reference: per row,
// x - max - log(sum(exp(x - max))). Subtracting the max keeps exp() finite, and the result stays
// exact where log(SOFTMAX(x)) would reach log(0).
#include <algorithm>
#include <cmath>

#include "kernels/reference/unary.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  prepare_unary_float(ctx);
  const TensorBuffer& input = ctx.input(0);
  ctx.check(input.rank() >= 1, "input '", input.name(), "' is a scalar, expected rank 1 or more");
}

void log_softmax_row(const float* x, float* y, int64_t depth) {
  const float max = *std::max_element(x, x + depth);
  float sum = 0.0f;
  for (int64_t c = 0; c < depth; ++c) sum += std::exp(x[c] - max);
  const float log_sum = std::log(sum);
  for (int64_t c = 0; c < depth; ++c) y[c] = x[c] - max - log_sum;
}

void eval(OpContext& ctx) {
  const TensorBuffer& input = ctx.input(0);
  const int64_t depth = input.dim(-1);
  if (depth == 0) return;
  const float* in = input.as<float>();
  float* out = ctx.output(0).as<float>();
  for (int64_t row = 0; row < input.elements(); row += depth)
    log_softmax_row(in + row, out + row, depth);
}

}  // namespace

LQ_REGISTER_KERNEL(LOG_SOFTMAX, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
