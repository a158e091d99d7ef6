// CONV_2D, float: NHWC input, filter [out_ch, kh, kw, in_ch / groups], optional bias [out_ch].
// Stride, dilation, SAME/VALID padding and a fused clamp activation. As TFLite's reference conv,
// a filter with fewer input channels than the input makes a grouped convolution. Each output is a
// float sum over (filter_y, filter_x, in_channel) in that order, skipping taps in the padding; the
// bias is added last, then the activation.
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct ConvState : ConvGeometry {
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const auto& options = ctx.options<tflite::Conv2DOptionsT>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  check_type(ctx, input, ElementType::kFloat32);
  check_type(ctx, filter, ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
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
  check_optional_bias(ctx, 2, out_channels);

  ConvState& state = ctx.make_state<ConvState>();
  static_cast<ConvGeometry&>(state) = conv_geometry(ctx, options, input, filter);
  ctx.set_output_shape(0, {input.dim(0), state.out_h, state.out_w, out_channels});
  state.range = activation_range(ctx, options.fused_activation_function);
}

void eval(OpContext& ctx) {
  const ConvState& s = ctx.state<ConvState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  const float* weights = filter.as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();

  const int32_t batches = input.dim(0), in_h = input.dim(1), in_w = input.dim(2);
  const int32_t filter_h = filter.dim(1), filter_w = filter.dim(2), filter_c = filter.dim(3);
  const int32_t out_h = output.dim(1), out_w = output.dim(2), out_c = output.dim(3);
  const int32_t per_group = out_c / (input.dim(3) / filter_c);

  for (int32_t b = 0; b < batches; ++b) {
    for (int32_t oy = 0; oy < out_h; ++oy) {
      const int32_t y_origin = oy * s.stride_h - s.pad_h;
      for (int32_t ox = 0; ox < out_w; ++ox) {
        const int32_t x_origin = ox * s.stride_w - s.pad_w;
        for (int32_t oc = 0; oc < out_c; ++oc) {
          const int32_t channel_base = (oc / per_group) * filter_c;
          float total = 0.0f;
          for (int32_t fy = 0; fy < filter_h; ++fy) {
            const int32_t iy = y_origin + fy * s.dilation_h;
            if (iy < 0 || iy >= in_h) continue;
            for (int32_t fx = 0; fx < filter_w; ++fx) {
              const int32_t ix = x_origin + fx * s.dilation_w;
              if (ix < 0 || ix >= in_w) continue;
              const float* in_px = in + offset4(input.shape, b, iy, ix, channel_base);
              const float* w_px = weights + offset4(filter.shape, oc, fy, fx, 0);
              for (int32_t ic = 0; ic < filter_c; ++ic) total += in_px[ic] * w_px[ic];
            }
          }
          const float biased = total + (bias ? bias[oc] : 0.0f);
          out[offset4(output.shape, b, oy, ox, oc)] = clamp_activation(biased, s.range);
        }
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(CONV_2D, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
