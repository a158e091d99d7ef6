// MaxPool, AveragePool (MAX_POOL_2D, AVERAGE_POOL_2D) and GlobalAveragePool, GlobalMaxPool (MEAN,
// REDUCE_MAX over the spatial axes with keep_dims, as TFLite's converter writes them).
#include <limits>

#include "frontend/onnx/ops/layout.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

void translate_pool(NodeContext& ctx, BuiltinOperator code) {
  if (ctx.has_output(1)) ctx.unsupported("the Indices output of MaxPool");
  const Shape x_shape = ctx.input_shape(0);
  const Window2d w = window_attributes(ctx, x_shape, {1, 1});
  if (w.dilation != std::array<int32_t, 2>{1, 1}) ctx.unsupported("dilated pooling (TFLite pools have no dilation)");
  int x = spatial_input_nhwc(ctx, ctx.input(0));
  tflite::Padding padding;
  if (code == BuiltinOperator::MAX_POOL_2D) {
    padding = resolve_padding(ctx, &x, w, std::numeric_limits<float>::lowest());
  } else {
    // TFLite's SAME average pool leaves padding out of the count; explicit zero padding counts it.
    const bool count_pad = ctx.attr_int("count_include_pad", 0) != 0;
    const int before = x;
    padding = resolve_padding(ctx, &x, w, 0.0f, /*allow_same=*/!count_pad);
    if (x != before && !count_pad)
      ctx.unsupported("average pooling with pads ", w.pads[0], ",", w.pads[1], ",", w.pads[2], ",",
                      w.pads[3], " and count_include_pad=", count_pad);
  }
  const int y = ctx.op(code, {x}, make_options(window_options<tflite::Pool2DOptionsT>(w, padding)));
  ctx.set_output(0, spatial_output(ctx, y, static_cast<int>(x_shape.size())));
}

void translate_global_pool(NodeContext& ctx, BuiltinOperator code) {
  const int rank = ctx.input_rank(0);
  ctx.check(rank >= 3, "input must have rank 3 or more, got ", shape_string(ctx.input_shape(0)));
  std::vector<int32_t> axes;
  for (int32_t a = 2; a < rank; ++a) axes.push_back(a);
  ctx.set_output(0, ctx.reduce(code, ctx.input(0), axes, /*keep_dims=*/true));
}

LQ_REGISTER_ONNX_OP_WITH("MaxPool", translate_pool, BuiltinOperator::MAX_POOL_2D);
LQ_REGISTER_ONNX_OP_WITH("AveragePool", translate_pool, BuiltinOperator::AVERAGE_POOL_2D);
LQ_REGISTER_ONNX_OP_WITH("GlobalAveragePool", translate_global_pool, BuiltinOperator::MEAN);
LQ_REGISTER_ONNX_OP_WITH("GlobalMaxPool", translate_global_pool, BuiltinOperator::REDUCE_MAX);

}  // namespace
}  // namespace lq::frontend
