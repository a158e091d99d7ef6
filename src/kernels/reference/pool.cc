#include "kernels/reference/pool.h"

namespace lq::ref {

PoolState& prepare_pool_geometry(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const auto& options = ctx.options<tflite::Pool2DOptionsT>();
  const TensorBuffer& input = ctx.input(0);
  check_rank(ctx, input, 4);
  const PaddedDim h = window_dim(ctx, options.padding, input.dim(1), options.filter_height,
                                 options.stride_h, 1, "height");
  const PaddedDim w = window_dim(ctx, options.padding, input.dim(2), options.filter_width,
                                 options.stride_w, 1, "width");
  ctx.set_output_shape(0, {input.dim(0), h.out, w.out, input.dim(3)});

  PoolState& state = ctx.make_state<PoolState>();
  state.filter_h = options.filter_height;
  state.filter_w = options.filter_width;
  state.stride_h = options.stride_h;
  state.stride_w = options.stride_w;
  state.pad_h = h.pad_before;
  state.pad_w = w.pad_before;
  return state;
}

void prepare_pool_float(OpContext& ctx) {
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  PoolState& state = prepare_pool_geometry(ctx);
  state.range = activation_range(ctx, ctx.options<tflite::Pool2DOptionsT>().fused_activation_function);
}

}  // namespace lq::ref
