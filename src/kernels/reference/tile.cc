// TILE: repeats the input multiples[d] times along each dimension d (multiples: a constant int32
// or int64 vector of the input's rank).
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  const std::vector<int64_t> multiples = read_int_tensor(ctx, 1);
  ctx.check(static_cast<int>(multiples.size()) == in.rank(), "multiples has ", multiples.size(),
            " entries, expected the input rank ", in.rank());
  // Output index along d is r * in_dim + i: a view of shape [m0, n0, m1, n1, ...] whose repeat
  // dimensions r have stride 0 visits the output in row-major order.
  const StridedView input = full_view(in.shape);
  StridedView view;
  Shape shape;
  for (size_t d = 0; d < multiples.size(); ++d) {
    constexpr int64_t kMaxDim = std::numeric_limits<int32_t>::max();
    ctx.check(multiples[d] >= 0 && multiples[d] <= kMaxDim && multiples[d] * in.shape[d] <= kMaxDim,
              "multiple ", multiples[d], " for dimension ", d, " is invalid");
    const int64_t tiled = multiples[d] * in.shape[d];
    shape.push_back(static_cast<int32_t>(tiled));
    view.shape.insert(view.shape.end(), {static_cast<int32_t>(multiples[d]), in.shape[d]});
    view.strides.insert(view.strides.end(), {0, input.strides[d]});
  }
  ctx.set_output_shape(0, std::move(shape));
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(TILE, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
