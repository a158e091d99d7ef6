// MEAN, float: a float sum per output element in input order, times the float reciprocal of the
// number of reduced elements (left at 0 when that number is 0, as TFLite does). XNNPACK, which
// LiteRT.js runs MEAN with, scales by 1/n rather than dividing by n: the last bit differs.
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  sum_reduced_float(ctx);
  TensorBuffer& output = ctx.output(0);
  float* out = output.as<float>();
  const int64_t count = ctx.state<ReduceState>().reduced_count;
  if (count == 0) return;
  const float scale = 1.0f / static_cast<float>(count);
  for (int64_t o = 0; o < output.elements(); ++o) out[o] *= scale;
}

}  // namespace

LQ_REGISTER_KERNEL(MEAN, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
