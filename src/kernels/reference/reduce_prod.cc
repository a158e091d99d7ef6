// REDUCE_PROD, float: the product of the reduced elements per output, multiplied in input order
// from 1 (so an empty reduction gives 1, as in TFLite).
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const float* in = ctx.input(0).as<float>();
  TensorBuffer& output = ctx.output(0);
  float* out = output.as<float>();
  std::fill(out, out + output.elements(), 1.0f);
  for_each_reduced(ctx, [&](int64_t i, int64_t o) { out[o] *= in[i]; });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_PROD, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
