// SPLIT: splits input 1 into num_splits equal pieces along the axis given by input 0 (a constant
// int32 or int64 scalar). The kernel is keyed by the axis tensor's type, and works on any
// fixed-size data type.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const int splits = ctx.options<tflite::SplitOptionsT>().num_splits;
  ctx.check(splits > 0, "num_splits is ", splits, ", expected a positive count");
  check_io_count(ctx, 2, 2, splits);
  const TensorBuffer& in = ctx.input(1);
  const int axis = normalize_axis(ctx, read_int_scalar(ctx, 0), in.rank());
  ctx.check(axis < in.rank() && in.dim(axis) % splits == 0, "dimension ", axis, " of '", in.name(),
            "' (", shape_string(in.shape), ") cannot be split into ", splits, " equal pieces");
  size_t element_size = 0;
  for (int i = 0; i < splits; ++i) element_size = check_copyable(ctx, ctx.output(i), in.type);
  const std::vector<int32_t> sizes(static_cast<size_t>(splits), in.dim(axis) / splits);
  std::vector<StridedView> views = split_views(in.shape, axis, sizes);
  for (int i = 0; i < splits; ++i) ctx.set_output_shape(i, views[static_cast<size_t>(i)].shape);
  set_views(ctx, 1, element_size, std::move(views));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SPLIT, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
