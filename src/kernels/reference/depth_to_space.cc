// DEPTH_TO_SPACE, float, DCR order as TFLite: output (b, y, x, c) reads input
// (b, y / bs, x / bs, ((y % bs) * bs + x % bs) * out_channels + c).
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthToSpaceState {
  int32_t block = 1;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const int32_t block = ctx.options<tflite::DepthToSpaceOptionsT>().block_size;
  const TensorBuffer& input = ctx.input(0);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_rank(ctx, input, 4);
  check_positive(ctx, block, "block_size");
  const int64_t area = static_cast<int64_t>(block) * block;
  ctx.check(input.dim(3) % area == 0, "input '", input.name(), "' has ", input.dim(3),
            " channels, not a multiple of block_size^2 = ", area);
  ctx.set_output_shape(0, {input.dim(0), input.dim(1) * block, input.dim(2) * block,
                           static_cast<int32_t>(input.dim(3) / area)});
  ctx.make_state<DepthToSpaceState>().block = block;
}

void eval(OpContext& ctx) {
  const int32_t bs = ctx.state<DepthToSpaceState>().block;
  const TensorBuffer& input = ctx.input(0);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  float* out = output.as<float>();
  const int32_t batches = output.dim(0), out_h = output.dim(1), out_w = output.dim(2);
  const int32_t out_c = output.dim(3);
  int64_t o = 0;
  for (int32_t b = 0; b < batches; ++b)
    for (int32_t y = 0; y < out_h; ++y)
      for (int32_t x = 0; x < out_w; ++x) {
        const float* src = in + offset4(input.shape, b, y / bs, x / bs,
                                        ((y % bs) * bs + x % bs) * out_c);
        for (int32_t c = 0; c < out_c; ++c) out[o++] = src[c];
      }
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTH_TO_SPACE, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
