// EXPAND_DIMS: inserts a dimension of size 1 at the axis given by the second input (a constant
// int32 or int64 scalar in [-rank - 1, rank]; negative counts from the end).
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& in = ctx.input(0);
  check_copyable(ctx, ctx.output(0), in.type);
  const int64_t axis = read_int_scalar(ctx, 1);
  const int rank = in.rank();
  ctx.check(axis >= -rank - 1 && axis <= rank, "axis ", axis, " is out of range for rank ", rank);
  Shape shape = in.shape;
  shape.insert(shape.begin() + (axis < 0 ? axis + rank + 1 : axis), 1);
  ctx.set_output_shape(0, std::move(shape));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(EXPAND_DIMS, kCopyTypes, prepare, eval_copy);

}  // namespace lq::ref
