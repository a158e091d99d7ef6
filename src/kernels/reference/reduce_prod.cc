// REDUCE_PROD, float: the product of the reduced elements per output, multiplied in input order
// from 1 (so an empty reduction gives 1, as in TFLite).
#include "kernels/reference/reduce.h"

namespace lq::ref {
namespace {

void eval(OpContext& ctx) {
  fold_reduced_float(ctx, 1.0f, [](float acc, float x) { return acc * x; });
}

}  // namespace

LQ_REGISTER_KERNEL(REDUCE_PROD, kFloat32, kReference, prepare_reduce_float, eval);

}  // namespace lq::ref
