// DEPTHWISE_CONV_2D, float: NHWC input, filter [1, kh, kw, in_ch * multiplier], optional bias.
// Output channel oc = ic * multiplier + m reads input channel ic. As TFLite does, the multiplier is
// taken from the filter shape (filter channels / input channels); the depth_multiplier option is
// not consulted, since some converters leave it inconsistent. Stride, dilation, SAME/VALID padding
// and a fused clamp activation; the bias is added after the float sum over (filter_y, filter_x).
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthwiseState : DepthwiseGeometry {
  ActivationRange range;
};

void prepare(OpContext& ctx) {
  if (has_int8_weights(ctx)) return prepare_depthwise_conv_2d_hybrid(ctx);  // dynamic-range weights
  const int32_t out_channels = check_depthwise_shapes(ctx);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.input(1), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_optional_bias(ctx, 2, out_channels);
  DepthwiseState& state = ctx.make_state<DepthwiseState>();
  static_cast<DepthwiseGeometry&>(state) = depthwise_geometry(ctx, out_channels);
  state.range = activation_range(
      ctx, ctx.options<tflite::DepthwiseConv2DOptionsT>().fused_activation_function);
}

void eval(OpContext& ctx) {
  if (has_int8_weights(ctx)) return eval_depthwise_conv_2d_hybrid(ctx);
  const DepthwiseState& s = ctx.state<DepthwiseState>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const float* in = input.as<float>();
  const float* weights = filter.as<float>();
  const float* bias = optional_bias(ctx, 2);
  float* out = output.as<float>();

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t ic = oc / s.multiplier;
      float total = 0.0f;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
                     total += in[offset4(input.shape, w.batch, iy, ix, ic)] *
                              weights[offset4(filter.shape, 0, fy, fx, oc)];
                   });
      const float biased = total + (bias ? bias[oc] : 0.0f);
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] = clamp_activation(biased, s.range);
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
