// REDUCE_MIN, float: the smallest element per output, starting from the largest float (so an empty
// reduction gives it, as in TFLite). A NaN input is passed over, as TFLite's (in < current) is.
#include <limits>

#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  fold_reduced_float(ctx, std::numeric_limits<float>::max(),
                     [](float acc, float x) { return x < acc ? x : acc; });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_MIN, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
