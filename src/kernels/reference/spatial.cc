#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

// From Conv2DOptionsT or DepthwiseConv2DOptionsT, which name these fields alike; input NHWC, filter
// [., kh, kw, .]. Also sets output 0's shape.
template <class Options>
ConvGeometry conv_geometry(OpContext& ctx, const Options& options, const TensorBuffer& input,
                           const TensorBuffer& filter, int32_t out_channels) {
  const PaddedDim h = window_dim(ctx, options.padding, input.dim(1), filter.dim(1),
                                 options.stride_h, options.dilation_h_factor, "height");
  const PaddedDim w = window_dim(ctx, options.padding, input.dim(2), filter.dim(2),
                                 options.stride_w, options.dilation_w_factor, "width");
  ctx.set_output_shape(0, {input.dim(0), h.out, w.out, out_channels});
  return {options.stride_h, options.stride_w, options.dilation_h_factor, options.dilation_w_factor,
          h.pad_before, w.pad_before, h.out, w.out, out_channels};
}

}  // namespace

void check_rank(const OpContext& ctx, const TensorBuffer& tensor, int rank) {
  ctx.check(tensor.rank() == rank, "tensor '", tensor.name(), "' has shape ",
            shape_string(tensor.shape), ", expected rank ", rank);
}

void check_positive(const OpContext& ctx, int64_t value, const char* what) {
  ctx.check(value > 0, what, " is ", value, ", expected a positive value");
}

PaddedDim window_dim(const OpContext& ctx, tflite::Padding padding, int32_t in, int32_t filter,
                     int32_t stride, int32_t dilation, const char* axis) {
  ctx.check(padding == tflite::Padding::SAME || padding == tflite::Padding::VALID, "padding ",
            static_cast<int>(padding), " is neither SAME nor VALID");
  check_positive(ctx, stride, cat(axis, " stride").c_str());
  check_positive(ctx, dilation, cat(axis, " dilation").c_str());
  check_positive(ctx, filter, cat(axis, " filter size").c_str());
  const PaddedDim dim = padded_dim(padding, in, filter, stride, dilation);
  ctx.check(dim.out > 0, "output ", axis, " would be ", dim.out, " (input ", in, ", filter ",
            filter, ", stride ", stride, ", dilation ", dilation, ", ",
            tflite::EnumNamePadding(padding), " padding)");
  return dim;
}

int32_t check_conv_2d_shapes(const OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  check_rank(ctx, input, 4);
  check_rank(ctx, filter, 4);
  const int32_t in_channels = input.dim(3);
  const int32_t filter_channels = filter.dim(3);
  const int32_t out_channels = filter.dim(0);
  ctx.check(filter_channels > 0 && in_channels % filter_channels == 0, "filter '", filter.name(),
            "' has ", filter_channels, " input channels but input '", input.name(), "' has ",
            in_channels, " (expected equal, or a divisor for a grouped convolution)");
  const int32_t groups = in_channels / filter_channels;
  ctx.check(groups > 0 && out_channels % groups == 0, "filter '", filter.name(), "' has ",
            out_channels, " output channels, not a multiple of the ", groups, " groups");
  return out_channels;
}

ConvGeometry conv_2d_geometry(OpContext& ctx, int32_t out_channels) {
  return conv_geometry(ctx, ctx.options<tflite::Conv2DOptionsT>(), ctx.input(0), ctx.input(1),
                       out_channels);
}

int32_t check_depthwise_shapes(const OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  check_rank(ctx, input, 4);
  check_rank(ctx, filter, 4);
  ctx.check(filter.dim(0) == 1, "filter '", filter.name(), "' has shape ",
            shape_string(filter.shape), ", expected [1, kh, kw, channels]");
  const int32_t in_channels = input.dim(3);
  const int32_t out_channels = filter.dim(3);
  ctx.check(in_channels > 0 && out_channels % in_channels == 0, "filter '", filter.name(),
            "' has ", out_channels, " channels, not a multiple of the ", in_channels,
            " channels of input '", input.name(), "'");
  return out_channels;
}

DepthwiseGeometry depthwise_geometry(OpContext& ctx, int32_t out_channels) {
  DepthwiseGeometry geometry;
  const auto& options = ctx.options<tflite::DepthwiseConv2DOptionsT>();
  static_cast<ConvGeometry&>(geometry) =
      conv_geometry(ctx, options, ctx.input(0), ctx.input(1), out_channels);
  geometry.multiplier = out_channels / ctx.input(0).dim(3);
  return geometry;
}

int32_t prepare_fully_connected_shape(OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const auto& options = ctx.options<tflite::FullyConnectedOptionsT>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  ctx.check(options.weights_format == tflite::FullyConnectedOptionsWeightsFormat::DEFAULT,
            "weights format ",
            tflite::EnumNameFullyConnectedOptionsWeightsFormat(options.weights_format),
            " is not supported");
  check_rank(ctx, weights, 2);
  const int32_t units = weights.dim(0);
  const int32_t depth = weights.dim(1);
  check_positive(ctx, depth, cat("depth of weights '", weights.name(), "'").c_str());
  const int64_t elements = input.elements();
  ctx.check(elements % depth == 0, "input '", input.name(), "' has shape ",
            shape_string(input.shape), ", whose ", elements,
            " elements are not a multiple of the weights' depth ", depth);

  Shape out_shape{static_cast<int32_t>(elements / depth), units};
  if (options.keep_num_dims) {
    ctx.check(input.rank() >= 1 && input.dim(-1) == depth, "input '", input.name(),
              "' has shape ", shape_string(input.shape), ", expected last dimension ", depth,
              " with keep_num_dims");
    out_shape = input.shape;
    out_shape.back() = units;
  }
  ctx.set_output_shape(0, out_shape);
  return units;
}

void check_optional_bias(const OpContext& ctx, int input, int32_t channels) {
  if (!ctx.has_input(input)) return;
  const TensorBuffer& bias = ctx.input(input);
  check_type(ctx, bias, ElementType::kFloat32);
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels,
            " elements (one per output channel)");
}

}  // namespace lq::ref
