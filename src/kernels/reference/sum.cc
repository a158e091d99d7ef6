// SUM, float: a float sum per output element, accumulated in input order.
#include "kernels/reference/reduce.h"

namespace lq::ref {

LQ_REGISTER_KERNEL(SUM, kFloat32, kReference, prepare_reduce_float, sum_reduced_float);

}  // namespace lq::ref
