// SLICE: the block of `size` elements starting at `begin` in each dimension (both constant int32 or
// int64 vectors of the input's rank); a size of -1 takes everything to the end of the dimension.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 3, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  const std::vector<int64_t> begin = read_int_tensor(ctx, 1);
  const std::vector<int64_t> size = read_int_tensor(ctx, 2);
  ctx.check(static_cast<int>(begin.size()) == in.rank() && size.size() == begin.size(),
            "begin and size have ", begin.size(), " and ", size.size(),
            " entries, expected the input rank ", in.rank());
  const StridedView input = full_view(in.shape);
  StridedView view;
  for (size_t d = 0; d < begin.size(); ++d) {
    const int64_t dim = in.shape[d];
    const int64_t count = size[d] == -1 ? dim - begin[d] : size[d];
    ctx.check(begin[d] >= 0 && begin[d] <= dim && count >= 0 && count <= dim - begin[d],
              "slice of ", count, " elements at ", begin[d], " in dimension ", d,
              " does not fit in '", in.name(), "' (", shape_string(in.shape), ")");
    view.start += begin[d] * input.strides[d];
    view.shape.push_back(static_cast<int32_t>(count));
    view.strides.push_back(input.strides[d]);
  }
  ctx.set_output_shape(0, view.shape);
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SLICE, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
