// UNPACK: splits the input along `axis` into `num` tensors (num = the size of that dimension),
// each without that dimension.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::UnpackOptionsT>();
  const TensorBuffer& in = ctx.input(0);
  const int axis = normalize_axis(ctx, options.axis, in.rank());
  ctx.check(axis < in.rank(), "cannot unpack the scalar '", in.name(), "'");
  const int num = in.dim(axis);
  ctx.check(options.num == 0 || options.num == num, "num is ", options.num, ", but dimension ",
            axis, " of '", in.name(), "' (", shape_string(in.shape), ") has size ", num);
  check_io_count(ctx, 1, 1, num);
  size_t element_size = 0;
  for (int i = 0; i < num; ++i) element_size = check_copyable(ctx, ctx.output(i), in.type);
  // Output i is the view at index i of `axis`, with that dimension dropped.
  const StridedView whole = full_view(in.shape);
  std::vector<StridedView> views;
  for (int i = 0; i < num; ++i) {
    StridedView& view = views.emplace_back(whole);
    view.start = i * whole.strides[static_cast<size_t>(axis)];
    view.shape.erase(view.shape.begin() + axis);
    view.strides.erase(view.strides.begin() + axis);
    ctx.set_output_shape(i, view.shape);
  }
  set_views(ctx, 0, element_size, std::move(views));
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(UNPACK, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
