// REDUCE_MIN, float: the smallest element per output, starting from the largest float (so an empty
// reduction gives it, as in TFLite). A NaN input is passed over, as TFLite's (in < current) is.
#include <limits>

#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  const float* in = ctx.input(0).as<float>();
  TensorBuffer& output = ctx.output(0);
  float* out = output.as<float>();
  std::fill(out, out + output.elements(), std::numeric_limits<float>::max());
  for_each_reduced(ctx, [&](int64_t i, int64_t o) {
    if (in[i] < out[o]) out[o] = in[i];
  });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MIN, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
