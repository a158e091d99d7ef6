// SPACE_TO_DEPTH (NHWC): each block_size x block_size block of pixels becomes one pixel whose
// channels are the block's pixels in row-major order: output (b, y, x, (by * bs + bx) * C + c)
// reads input (b, y * bs + by, x * bs + bx, c), as TFLite. A copy, so every fixed-size type.
#include "kernels/reference/data_movement.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  check_rank(ctx, in, 4);
  const int32_t bs = ctx.options<tflite::SpaceToDepthOptionsT>().block_size;
  check_positive(ctx, bs, "block_size");
  const int32_t h = in.dim(1), w = in.dim(2), c = in.dim(3);
  ctx.check(h % bs == 0 && w % bs == 0, "input '", in.name(), "' (", shape_string(in.shape),
            ") has a height or width that is not a multiple of block_size ", bs);
  // The output as [b, h / bs, w / bs, by, bx, c], a view of the input.
  const std::vector<int64_t> s = strides_of(in.shape);
  StridedView view;
  view.shape = {in.dim(0), h / bs, w / bs, bs, bs, c};
  view.strides = {s[0], bs * s[1], bs * s[2], s[1], s[2], s[3]};
  ctx.set_output_shape(0, {in.dim(0), h / bs, w / bs, bs * bs * c});
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(SPACE_TO_DEPTH, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
