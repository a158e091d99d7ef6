// DEPTHWISE_CONV_2D, float: NHWC input, filter [1, kh, kw, in_ch * multiplier], optional bias.
// Output channel oc = ic * multiplier + m reads input channel ic. As TFLite does, the multiplier is
// taken from the filter shape (filter channels / input channels); the depth_multiplier option is
// not consulted, since some converters leave it inconsistent. Stride, dilation, SAME/VALID padding
// and a fused clamp activation. Each output is a float sum that starts at the bias and adds the
// taps one product at a time, in the order XNNPACK (which LiteRT.js runs) adds them, since a
// last-bit difference matters downstream (xnnpack_float.h): column by column (filter_x outer) in
// its depthwise kernels, which take multiplier 1 and up to 25 taps; row by row otherwise, where
// XNNPACK runs the op as a grouped convolution. Taps in the padding are skipped (XNNPACK adds
// zeros there).
#include "kernels/reference/hybrid.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthwiseState : DepthwiseGeometry {
  ActivationRange range;
};

// XNNPACK's largest depthwise kernel has 25 taps (5x5); beyond, it runs a grouped convolution.
constexpr int32_t kMaxDepthwiseKernelTaps = 25;

// As for_each_tap, but column by column (fx outer, fy inner): XNNPACK's depthwise kernels (up to
// 25 taps, 5x5) read the taps in that order.
template <class Fn>
void for_each_tap_by_column(const ConvGeometry& g, const Window& window, const Shape& input,
                            const Shape& filter, Fn&& fn) {
  for (int32_t fx = 0; fx < filter[2]; ++fx) {
    const int32_t ix = window.in_x + fx * g.dilation_w;
    if (ix < 0 || ix >= input[2]) continue;
    for (int32_t fy = 0; fy < filter[1]; ++fy) {
      const int32_t iy = window.in_y + fy * g.dilation_h;
      if (iy < 0 || iy >= input[1]) continue;
      fn(fy, fx, iy, ix);
    }
  }
}

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
  const bool by_column =
      s.multiplier == 1 && filter.dim(1) * filter.dim(2) <= kMaxDepthwiseKernelTaps;

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t ic = oc / s.multiplier;
      float total = bias ? bias[oc] : 0.0f;
      const auto tap = [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
        total += in[offset4(input.shape, w.batch, iy, ix, ic)] *
                 weights[offset4(filter.shape, 0, fy, fx, oc)];
      };
      if (by_column)
        for_each_tap_by_column(s, w, input.shape, filter.shape, tap);
      else
        for_each_tap(s, w, input.shape, filter.shape, tap);
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] = clamp_activation(total, s.range);
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
