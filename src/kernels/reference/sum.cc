// SUM, float: a float sum per output element, accumulated in input order.
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const float* in = ctx.input(0).as<float>();
  TensorBuffer& output = ctx.output(0);
  float* out = output.as<float>();
  std::fill(out, out + output.elements(), 0.0f);
  for_each_reduced(ctx, [&](int64_t i, int64_t o) { out[o] += in[i]; });
}

}  // namespace

LQ_REGISTER_KERNEL(SUM, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
