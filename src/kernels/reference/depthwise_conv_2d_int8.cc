// DEPTHWISE_CONV_2D, int8: int8 NHWC input and output (per tensor), int8 filter [1, kh, kw, in_ch *
// multiplier] (symmetric, per tensor or per output channel along axis 3), optional int32 bias.
// Geometry as the float kernel: output channel oc = ic * multiplier + m reads input channel ic, the
// multiplier taken from the filter shape. Taps in the padding are skipped (the same as reading the
// input zero point). Each output is the exact int32 sum bias[oc] + sum (x - input_zero_point) * w,
// requantized by the plan's arithmetic (quantized.h).
#include "kernels/reference/quantized.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

struct DepthwiseInt8State : DepthwiseGeometry {
  Int8Affine affine;
};

void prepare(OpContext& ctx) {
  const int32_t out_channels = check_depthwise_shapes(ctx);
  DepthwiseInt8State& state = ctx.make_state<DepthwiseInt8State>();
  state.affine =
      prepare_int8_affine(ctx, out_channels, 3,
                          ctx.options<tflite::DepthwiseConv2DOptionsT>().fused_activation_function);
  static_cast<DepthwiseGeometry&>(state) = depthwise_geometry(ctx, out_channels);
}

void eval(OpContext& ctx) {
  const DepthwiseInt8State& s = ctx.state<DepthwiseInt8State>();
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& filter = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const int8_t* in = input.as<int8_t>();
  const int8_t* weights = filter.as<int8_t>();
  const int32_t* bias = optional_int32_bias(ctx, 2);
  int8_t* out = output.as<int8_t>();
  const int32_t zero_point = s.affine.input_zero_point;

  for_each_window(s, output.shape, [&](const Window& w) {
    for (int32_t oc = 0; oc < s.out_channels; ++oc) {
      const int32_t ic = oc / s.multiplier;
      int64_t sum = bias ? bias[oc] : 0;
      for_each_tap(s, w, input.shape, filter.shape,
                   [&](int32_t fy, int32_t fx, int32_t iy, int32_t ix) {
                     sum += (in[offset4(input.shape, w.batch, iy, ix, ic)] - zero_point) *
                            weights[offset4(filter.shape, 0, fy, fx, oc)];
                   });
      out[offset4(output.shape, w.batch, w.out_y, w.out_x, oc)] =
          s.affine.stage.requantize(accumulator(sum), static_cast<size_t>(oc));
    }
  });
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
