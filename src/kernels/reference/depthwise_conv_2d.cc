// DEPTHWISE_CONV_2D, float: NHWC input, filter [1, kh, kw, in_ch * multiplier], optional bias.
// Output channel oc = ic * multiplier + m reads input channel ic. As TFLite does, the multiplier is
// taken from the filter shape (filter channels / input channels); the depth_multiplier option is
// not consulted, since some converters leave it inconsistent. Stride, dilation, SAME/VALID padding
// and a fused clamp activation; the bias is added after the float sum over (filter_y, filter_x).
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthwiseState : ConvGeometry {
  int32_t multiplier = 1;
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const auto& options = ctx.options<tflite::DepthwiseConv2DOptionsT>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, filter, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_rank(ctx, input, 4);
  check_rank(ctx, filter, 4);
  ctx.check(filter.dim(0) == 1, "filter '", filter.name(), "' has shape ",
            shape_string(filter.shape), ", expected [1, kh, kw, channels]");

  const int32_t in_channels = input.dim(3);
  const int32_t out_channels = filter.dim(3);
  ctx.check(in_channels > 0 && out_channels % in_channels == 0, "filter '", filter.name(),
            "' has ", out_channels, " channels, not a multiple of the ", in_channels,
            " channels of input '", input.name(), "'");
  check_optional_bias(ctx, 2, out_channels);

  DepthwiseState& state = ctx.make_state<DepthwiseState>();
  static_cast<ConvGeometry&>(state) = conv_geometry(ctx, options, input, filter);
  ctx.set_output_shape(0, {input.dim(0), state.out_h, state.out_w, out_channels});
  state.multiplier = out_channels / in_channels;
  state.range = activation_range(ctx, options.fused_activation_function);
}

void eval(OpContext& ctx) {
  const DepthwiseState& s = ctx.state<DepthwiseState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  const float* weights = filter.as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();

  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t in_c = input.dim(3);
  const int32_t filter_h = filter.dim(1), filter_w = filter.dim(2);
  const int32_t out_h = output.dim(1), out_w = output.dim(2);

  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y_origin = oy * s.stride_h - s.pad_h;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x_origin = ox * s.stride_w - s.pad_w;
        for (int32_t ic = 0; ic < in_c; ++ic) {
          for (int32_t m = 0; m < s.multiplier; ++m) {
            const int32_t oc = ic * s.multiplier + m;
            float total = 0.0f;
            for (int32_t fy = 0; fy < filter_h; ++fy) {
              const int32_t iy = y_origin + fy * s.dilation_h;
              if (iy < 0 || iy >= in_h) continue;
              for (int32_t fx = 0; fx < filter_w; ++fx) {
                const int32_t ix = x_origin + fx * s.dilation_w;
                if (ix < 0 || ix >= in_w) continue;
                total += in[offset4(input.shape, b, iy, ix, ic)] *
                         weights[offset4(filter.shape, 0, fy, fx, oc)];
              }
            }
            const float biased = total + (bias ? bias[oc] : 0.0f);
            out[offset4(output.shape, b, oy, ox, oc)] = clamp_activation(biased, s.range);
          }
        }
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
