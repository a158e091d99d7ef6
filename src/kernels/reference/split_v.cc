// SPLIT_V: splits input 0 along the axis given by input 2 (a constant scalar) into pieces whose
// sizes are input 1 (a constant int32 or int64 vector; one entry may be -1 for the rest).
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 3, ctx.num_outputs());
  const TensorBuffer& in = ctx.input(0);
  const std::vector<int64_t> requested = read_int_tensor(ctx, 1);
  const int splits = ctx.options<tflite::SplitVOptionsT>().num_splits;
  ctx.check(static_cast<int>(requested.size()) == ctx.num_outputs() &&
                (splits == 0 || splits == ctx.num_outputs()),
            "has ", requested.size(), " split sizes, num_splits ", splits, " and ",
            ctx.num_outputs(), " outputs, expected equal counts");
  const int axis = normalize_axis(ctx, read_int_scalar(ctx, 2), in.rank());
  ctx.check(axis < in.rank(), "cannot split the scalar '", in.name(), "'");
  int unknown = -1;
  int64_t known = 0;
  for (size_t i = 0; i < requested.size(); ++i) {
    if (requested[i] == -1) {
      ctx.check(unknown < 0, "split sizes have more than one -1");
      unknown = static_cast<int>(i);
    } else {
      ctx.check(requested[i] >= 0 && requested[i] <= in.dim(axis), "split size ", requested[i],
                " is invalid");
      known += requested[i];
    }
  }
  std::vector<int32_t> sizes;
  for (int64_t size : requested) sizes.push_back(static_cast<int32_t>(size));
  if (unknown >= 0) {
    ctx.check(known <= in.dim(axis), "split sizes add up to ", known, ", more than dimension ",
              axis, " of '", in.name(), "' (", shape_string(in.shape), ")");
    sizes[static_cast<size_t>(unknown)] = static_cast<int32_t>(in.dim(axis) - known);
  } else {
    ctx.check(known == in.dim(axis), "split sizes add up to ", known, ", expected dimension ", axis,
              " of '", in.name(), "' (", shape_string(in.shape), ")");
  }
  size_t element_size = 0;
  for (int i = 0; i < ctx.num_outputs(); ++i)
    element_size = check_copyable(ctx, ctx.output(i), in.type);
  std::vector<StridedView> views = split_views(in.shape, axis, sizes);
  for (int i = 0; i < ctx.num_outputs(); ++i)
    ctx.set_output_shape(i, views[static_cast<size_t>(i)].shape);
  set_views(ctx, 0, element_size, std::move(views));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SPLIT_V, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
