// SQUEEZE: removes dimensions of size 1: those listed in squeeze_dims (negative counts from the
// end; each must have size 1), or all of them when the list is empty.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  check_copyable(ctx, ctx.output(0), in.type);
  const std::vector<int32_t>& dims = ctx.options<tflite::SqueezeOptionsT>().squeeze_dims;
  std::vector<bool> remove(static_cast<size_t>(in.rank()), false);
  if (dims.empty()) {
    for (int d = 0; d < in.rank(); ++d) remove[static_cast<size_t>(d)] = in.dim(d) == 1;
  }
  for (int32_t dim : dims) {
    const int d = normalize_axis(ctx, dim, in.rank());
    ctx.check(d < in.rank() && in.dim(d) == 1, "cannot squeeze dimension ", dim, " of '", in.name(),
              "' (", shape_string(in.shape), "): its size is not 1");
    remove[static_cast<size_t>(d)] = true;
  }
  Shape shape;
  for (int d = 0; d < in.rank(); ++d)
    if (!remove[static_cast<size_t>(d)]) shape.push_back(in.dim(d));
  ctx.set_output_shape(0, std::move(shape));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SQUEEZE, kCopyTypes, prepare, eval_copy);

}  // namespace lq::ref
