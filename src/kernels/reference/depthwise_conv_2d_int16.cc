// DEPTHWISE_CONV_2D, 16x8: int16 NHWC input and output (per tensor, zero point 0), int8 filter [1,
// kh, kw, in_ch * multiplier] (symmetric, per tensor or per output channel along axis 3), optional
// int64 bias. Output channel oc = ic * multiplier + m reads input channel ic. Each output is the
// exact int64 sum bias[oc] + sum x * w (taps in the padding read zero), scaled by TFLite's int64
// MultiplyByQuantizedMultiplier (multiplier reduced to 16 bits, one rounding): TFLite runs its
// reference depthwise kernel for 16x8, and so does LiteRT.js (measured:
// tests/models/int16_kernels_test.cc).
#include "kernels/reference/quantized_int16.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

using DepthwiseInt16State = Int16ConvState<DepthwiseGeometry>;

void prepare(OpContext& ctx) {
  const int32_t out_channels = check_depthwise_shapes(ctx);
  prepare_int16_conv(ctx, out_channels, 3,
                     ctx.options<tflite::DepthwiseConv2DOptionsT>().fused_activation_function, depthwise_geometry);
}

void eval(OpContext& ctx) {
  const DepthwiseInt16State& s = ctx.state<DepthwiseInt16State>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int16_t* in = input.as<int16_t>();
  const int8_t* weights = filter.as<int8_t>();
  const int64_t* bias = optional_int64_bias(ctx, 2);
  int16_t* out = output.as<int16_t>();

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t ic = oc / s.multiplier;
      int64_t sum = 0;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
                     sum += int32_t{in[offset4(input.shape, w.batch, iy, ix, ic)]} *
                            weights[offset4(filter.shape, 0, fy, fx, oc)];
                   });
      const size_t channel = static_cast<size_t>(oc);
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] =
          s.stage.requantize(add_bias(bias, channel, sum), channel);
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kInt16, kReference, prepare, eval);

}  // namespace lq::ref
