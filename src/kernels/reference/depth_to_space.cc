// DEPTH_TO_SPACE (NHWC), DCR order as TFLite: output (b, y, x, c) reads input
// (b, y / bs, x / bs, ((y % bs) * bs + x % bs) * out_channels + c). A copy, so every fixed-size type.
#include "kernels/reference/data_movement.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  check_rank(ctx, in, 4);
  const int32_t bs = ctx.options<tflite::DepthToSpaceOptionsT>().block_size;
  check_positive(ctx, bs, "block_size");
  const int64_t area = static_cast<int64_t>(bs) * bs;
  ctx.check(in.dim(3) % area == 0, "input '", in.name(), "' has ", in.dim(3),
            " channels, not a multiple of block_size^2 = ", area);
  const auto c = static_cast<int32_t>(in.dim(3) / area);
  // The output as [b, h, by, w, bx, c], a view of the input.
  const std::vector<int64_t> s = strides_of(in.shape);
  StridedView view;
  view.shape = {in.dim(0), in.dim(1), bs, in.dim(2), bs, c};
  view.strides = {s[0], s[1], bs * c * s[3], s[2], c * s[3], s[3]};
  ctx.set_output_shape(0, {in.dim(0), in.dim(1) * bs, in.dim(2) * bs, c});
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(DEPTH_TO_SPACE, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
