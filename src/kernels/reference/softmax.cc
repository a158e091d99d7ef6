// SOFTMAX, float, over the last axis. Per row: the max m; e = exp(x - m); the sum of the e's; each
// e scaled. With beta 1 under the runtime arithmetic (default), as XNNPACK computes it (LiteRT.js
// runs SOFTMAX with beta 1 through XNNPACK, and a last-bit difference matters downstream):
// - exp(x) by XNNPACK's polynomial (xnnpack_exp, xnnpack_float.h);
// - the sum in four SIMD lanes (element i into lane i % 4, for the whole multiples of 4), reduced
//   as (l0 + l2) + (l1 + l3), then the last two and last one elements added;
// - each e multiplied by the float 1 / sum.
// Otherwise as TFLite's reference: exp((x - m) beta) with std::exp summed in order, each divided
// by the sum.
#include <cmath>
#include <cstdint>
#include <limits>

#include "kernels/reference/common.h"
#include "kernels/reference/xnnpack_float.h"

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

// XNNPACK's sum of a row of exponentials: four lanes, then the tail of 2 and 1.
float xnnpack_sum(const float* e, int64_t n) {
  float lane[4] = {0.0f, 0.0f, 0.0f, 0.0f};
  int64_t i = 0;
  for (; i + 4 <= n; i += 4)
    for (int l = 0; l < 4; ++l) lane[l] += e[i + l];
  float sum = (lane[0] + lane[2]) + (lane[1] + lane[3]);
  if ((n - i) & 2) {
    sum += e[i] + e[i + 1];
    i += 2;
  }
  if ((n - i) & 1) sum += e[i];
  return sum;
}

void xnnpack_softmax_row(const float* x, float* y, int64_t depth) {
  float max = std::numeric_limits<float>::lowest();
  for (int64_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
  for (int64_t c = 0; c < depth; ++c) y[c] = xnnpack_exp(x[c] - max);
  const float scale = 1.0f / xnnpack_sum(y, depth);
  for (int64_t c = 0; c < depth; ++c) y[c] *= scale;
}

void tflite_softmax_row(const float* x, float* y, int64_t depth, float beta) {
  float max = std::numeric_limits<float>::lowest();
  for (int64_t c = 0; c < depth; ++c) max = std::max(max, x[c]);
  float sum = 0.0f;
  for (int64_t c = 0; c < depth; ++c) {
    y[c] = std::exp((x[c] - max) * beta);
    sum += y[c];
  }
  for (int64_t c = 0; c < depth; ++c) y[c] = y[c] / sum;
}

void eval(OpContext& ctx) {
  const float beta = ctx.state<SoftmaxState>().beta;
  const bool xnnpack = beta == 1.0f && ctx.arithmetic() != arith::Arithmetic::kTfliteReference;
  const TensorBuffer& input = ctx.input(0);
  const float* in = input.as<float>();
  float* out = ctx.output(0).as<float>();
  const int64_t depth = input.dim(-1);
  const int64_t rows = depth == 0 ? 0 : input.elements() / depth;
  for (int64_t r = 0; r < rows; ++r) {
    if (xnnpack)
      xnnpack_softmax_row(in + r * depth, out + r * depth, depth);
    else
      tflite_softmax_row(in + r * depth, out + r * depth, depth, beta);
  }
}

}  // namespace

LQ_REGISTER_KERNEL(SOFTMAX, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
