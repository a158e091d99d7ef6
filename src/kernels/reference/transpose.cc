// TRANSPOSE: output dimension d is input dimension perm[d]; perm is a constant int32 or int64
// permutation of 0..rank-1.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  const std::vector<int64_t> perm = read_int_tensor(ctx, 1);
  ctx.check(static_cast<int>(perm.size()) == in.rank(), "perm has ", perm.size(),
            " entries, expected the input rank ", in.rank());
  const StridedView input = full_view(in.shape);
  StridedView view;
  std::vector<bool> used(perm.size(), false);
  for (int64_t p : perm) {
    ctx.check(p >= 0 && p < in.rank(), "perm entry ", p, " is out of range for rank ", in.rank());
    const int d = static_cast<int>(p);
    ctx.check(!used[static_cast<size_t>(d)], "perm repeats dimension ", d);
    used[static_cast<size_t>(d)] = true;
    view.shape.push_back(in.dim(d));
    view.strides.push_back(input.strides[static_cast<size_t>(d)]);
  }
  ctx.set_output_shape(0, view.shape);
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(TRANSPOSE, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
