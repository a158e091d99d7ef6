// Conv: CONV_2D, or DEPTHWISE_CONV_2D when every group is one input channel (TFLite's converter
// does the same). 1-D convolutions run as 2-D ones of height 1. Weights [M, C/group, kH, kW] are
// transposed to TFLite's layouts (constant-folded when they are constant); a missing bias becomes
// zeros, as TFLite's converter writes it.
#include "frontend/onnx/ops/layout.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// Weights [M, I, kW] of a 1-D convolution as [M, I, 1, kW].
int weights_2d(NodeContext& ctx, int weights) {
  const Shape& s = ctx.builder().tensor(weights).shape;
  if (s.size() == 3) return ctx.reshape(weights, {s[0], s[1], 1, s[2]}, "weights_2d");
  if (s.size() != 4) ctx.unsupported(s.size() - 2, "-D convolution");
  return weights;
}

int conv_bias(NodeContext& ctx, int32_t channels) {
  if (ctx.has_input(2)) return ctx.input(2);
  return ctx.constant("bias", {channels}, std::vector<float>(static_cast<size_t>(channels), 0.0f));
}

void translate_conv(NodeContext& ctx) {
  const Shape x_shape = ctx.input_shape(0);
  const int weights = weights_2d(ctx, ctx.input(1));
  const Shape w_shape = ctx.builder().tensor(weights).shape;  // [M, C/group, kH, kW]
  ctx.check(x_shape.size() >= 3, "input must be NCL or NCHW, got ", shape_string(x_shape));
  const int32_t channels = x_shape[1], filters = w_shape[0];
  const int64_t group = ctx.attr_int("group", 1);
  ctx.check(group > 0 && channels % group == 0 && filters % group == 0 && w_shape[1] * group == channels,
            "group ", group, " does not divide input channels ", channels, " and filters ", filters,
            " (weights ", shape_string(w_shape), ")");
  const Window2d window = window_attributes(ctx, x_shape, {w_shape[2], w_shape[3]});
  ctx.check(window.kernel == std::array<int32_t, 2>{w_shape[2], w_shape[3]},
            "kernel_shape differs from the weights' shape ", shape_string(w_shape));
  int x = spatial_input_nhwc(ctx, ctx.input(0));
  const tflite::Padding padding = resolve_padding(ctx, &x, window, 0.0f);
  const int bias = conv_bias(ctx, filters);
  int y;
  if (group == 1) {
    const int filter = ctx.transpose(weights, kToNhwc, "filter");  // OHWI
    y = ctx.op(BuiltinOperator::CONV_2D, {x, filter, bias},
               make_options(window_options<tflite::Conv2DOptionsT>(window, padding)));
  } else if (group == channels) {
    const int filter = ctx.transpose(weights, {1, 2, 3, 0}, "filter");  // [1, kH, kW, M]
    auto options = window_options<tflite::DepthwiseConv2DOptionsT>(window, padding);
    options.depth_multiplier = filters / channels;
    y = ctx.op(BuiltinOperator::DEPTHWISE_CONV_2D, {x, filter, bias}, make_options(options));
  } else {
    ctx.unsupported("grouped convolution with ", group, " groups of ", channels / group, " channels");
  }
  ctx.set_output(0, spatial_output(ctx, y, static_cast<int>(x_shape.size())));
}

// ConvTranspose: TRANSPOSE_CONV with VALID padding computes the full output (stride * (in - 1) +
// kernel per dimension); ONNX's pads, output_padding and output_shape then select a window of it,
// cut with SLICE (and zero-extended with PAD where the window reaches past the full output; the
// bias is then added afterwards, since the extension must get it too).
struct TransposeWindow {
  int32_t begin = 0, size = 0;  // in the full output; may start before 0 or end past it
};

TransposeWindow transpose_window(NodeContext& ctx, int32_t in, int32_t kernel, int32_t stride, size_t d,
                                 size_t spatial) {
  const std::vector<int64_t> pads = ctx.attr_ints("pads"), out_pad = ctx.attr_ints("output_padding"),
                             out_shape = ctx.attr_ints("output_shape");
  const std::string auto_pad = ctx.attr_string("auto_pad", "NOTSET");
  const int64_t full = int64_t{stride} * (in - 1) + kernel;
  const int64_t extra = out_pad.size() == spatial ? out_pad[d] : 0;
  int64_t begin = 0, size = 0;
  if (out_shape.size() >= spatial || auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    size = out_shape.size() >= spatial ? out_shape[out_shape.size() - spatial + d] : int64_t{in} * stride;
    // ONNX's formula divides with floor (Python's //); total is negative when the output is larger.
    const int64_t total = full + extra - size;
    const int64_t half = total >= 0 ? total / 2 : -((-total + 1) / 2);
    begin = auto_pad == "SAME_UPPER" ? half : total - half;
  } else {
    begin = pads.size() == 2 * spatial ? pads[d] : 0;
    const int64_t end = pads.size() == 2 * spatial ? pads[spatial + d] : 0;
    size = full + extra - begin - end;
  }
  ctx.check(size > 0 && size < (int64_t{1} << 24), "output size ", size, " is out of range");
  return {static_cast<int32_t>(begin), static_cast<int32_t>(size)};
}

int crop(NodeContext& ctx, int y, const std::vector<int32_t>& begin, const std::vector<int32_t>& size) {
  const int b = ctx.int32_vector("crop_begin", begin);
  const int s = ctx.int32_vector("crop_size", size);
  return ctx.op(tflite::BuiltinOperator::SLICE, {y, b, s}, {}, std::nullopt, "crop");
}

void translate_conv_transpose(NodeContext& ctx) {
  const Shape x_shape = ctx.input_shape(0);
  const size_t spatial = x_shape.size() - 2;
  const int weights = weights_2d(ctx, ctx.input(1));
  const Shape w_shape = ctx.builder().tensor(weights).shape;  // [C, M/group, kH, kW]
  if (ctx.attr_int("group", 1) != 1) ctx.unsupported("grouped ConvTranspose");
  for (int64_t d : ctx.attr_ints("dilations")) if (d != 1) ctx.unsupported("dilated ConvTranspose");
  const std::vector<int64_t> strides = ctx.attr_ints("strides", std::vector<int64_t>(spatial, 1));
  ctx.check(strides.size() == spatial, "strides must have ", spatial, " values");
  const int32_t stride_h = spatial == 2 ? static_cast<int32_t>(strides[0]) : 1;
  const int32_t stride_w = static_cast<int32_t>(strides.back());
  const int32_t filters = w_shape[1];
  int x = spatial_input_nhwc(ctx, ctx.input(0));
  const Shape xs = ctx.builder().tensor(x).shape;  // NHWC (a copy: adding tensors moves them)
  const TransposeWindow h = spatial == 2 ? transpose_window(ctx, xs[1], w_shape[2], stride_h, 0, 2) : TransposeWindow{0, 1};
  const TransposeWindow w = transpose_window(ctx, xs[2], w_shape[3], stride_w, spatial - 1, spatial);
  const int32_t full_h = stride_h * (xs[1] - 1) + w_shape[2], full_w = stride_w * (xs[2] - 1) + w_shape[3];
  const bool extends = h.begin < 0 || w.begin < 0 || h.begin + h.size > full_h || w.begin + w.size > full_w;
  const int bias = conv_bias(ctx, filters);
  const int out_shape = ctx.int32_vector("output_shape", {xs[0], full_h, full_w, filters});
  const int filter = ctx.transpose(weights, {1, 2, 3, 0}, "filter");  // [M, kH, kW, C]
  tflite::TransposeConvOptionsT options;
  options.padding = tflite::Padding::VALID;
  options.stride_h = stride_h;
  options.stride_w = stride_w;
  int y = ctx.op(tflite::BuiltinOperator::TRANSPOSE_CONV, {out_shape, filter, x, extends ? -1 : bias},
                 make_options(options), ElementType::kFloat32);
  if (extends) {
    const int32_t top = std::max(0, -h.begin), left = std::max(0, -w.begin);
    const int32_t bottom = std::max(0, h.begin + h.size - full_h), right = std::max(0, w.begin + w.size - full_w);
    const int paddings = ctx.constant("extend", {4, 2}, std::vector<int32_t>{0, 0, top, bottom, left, right, 0, 0});
    y = ctx.op(tflite::BuiltinOperator::PAD, {y, paddings}, {}, std::nullopt, "extend");
    y = ctx.op(tflite::BuiltinOperator::ADD, {y, bias}, make_options(tflite::AddOptionsT{}), std::nullopt, "bias");
    y = crop(ctx, y, {0, h.begin + top, w.begin + left, 0}, {xs[0], h.size, w.size, filters});
  } else if (h.begin != 0 || w.begin != 0 || h.size != full_h || w.size != full_w) {
    y = crop(ctx, y, {0, h.begin, w.begin, 0}, {xs[0], h.size, w.size, filters});
  }
  ctx.set_output(0, spatial_output(ctx, y, static_cast<int>(x_shape.size())));
}

LQ_REGISTER_ONNX_OP("Conv", translate_conv);
LQ_REGISTER_ONNX_OP("ConvTranspose", translate_conv_transpose);

}  // namespace
}  // namespace lq::frontend
