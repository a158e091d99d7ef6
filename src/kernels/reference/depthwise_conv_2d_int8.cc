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

struct DepthwiseInt8State : ConvGeometry {
  int32_t multiplier = 1;
  Int8Affine affine;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 3, 1);
  const auto& options = ctx.options<tflite::DepthwiseConv2DOptionsT>();
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

  DepthwiseInt8State& state = ctx.make_state<DepthwiseInt8State>();
  state.affine = prepare_int8_affine(ctx, out_channels, 3, options.fused_activation_function);
  static_cast<ConvGeometry&>(state) = conv_geometry(ctx, options, input, filter);
  state.multiplier = out_channels / in_channels;
  ctx.set_output_shape(0, {input.dim(0), state.out_h, state.out_w, out_channels});
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
            int64_t sum = bias ? bias[oc] : 0;
            for (int32_t fy = 0; fy < filter_h; ++fy) {
              const int32_t iy = y_origin + fy * s.dilation_h;
              if (iy < 0 || iy >= in_h) continue;
              for (int32_t fx = 0; fx < filter_w; ++fx) {
                const int32_t ix = x_origin + fx * s.dilation_w;
                if (ix < 0 || ix >= in_w) continue;
                sum += (in[offset4(input.shape, b, iy, ix, ic)] - zero_point) *
                       weights[offset4(filter.shape, 0, fy, fx, oc)];
              }
            }
            out[offset4(output.shape, b, oy, ox, oc)] =
                s.affine.stage.requantize(accumulator(sum), static_cast<size_t>(oc));
          }
        }
      }
    }
  }
}

}  // namespace

LQ_REGISTER_KERNEL(DEPTHWISE_CONV_2D, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
