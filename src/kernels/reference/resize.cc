#include "kernels/reference/resize.h"

namespace lq::ref {

void prepare_resize_float(OpContext& ctx, bool align_corners, bool half_pixel_centers) {
  check_io_count(ctx, 2, 2, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& size = ctx.input(1);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, size, ElementType::kInt32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_rank(ctx, input, 4);
  const std::vector<int64_t> hw = read_int_tensor(ctx, 1);
  ctx.check(hw.size() == 2, "size '", size.name(), "' has ", hw.size(),
            " elements, expected 2 (height, width)");
  check_positive(ctx, hw[0], "output height");
  check_positive(ctx, hw[1], "output width");
  ctx.set_output_shape(0, {input.dim(0), static_cast<int32_t>(hw[0]), static_cast<int32_t>(hw[1]),
                           input.dim(3)});
  ResizeState& state = ctx.make_state<ResizeState>();
  state.align_corners = align_corners;
  state.half_pixel_centers = half_pixel_centers;
}

}  // namespace lq::ref
