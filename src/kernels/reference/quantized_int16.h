// Shared by the 16x8 kernels (the TFLite quantization spec's 16x8 section): int16 activations
// quantized per tensor and symmetrically (zero point 0), int8 symmetric weights per tensor or per
// output channel, int64 bias. XNNPACK runs no int16 activations, so LiteRT.js runs TFLite's builtin
// kernels for these ops; the measured differences between its builtins and TFLite's reference
// kernels are in each kernel file's comment.
//   acc = bias[c] + sum x * w              (exact, int64: 16x8 products overflow int32 sums)
//   y   = clamp(requantize(acc, c), act_lo, act_hi)
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "arith/requantize.h"
#include "kernels/reference/common.h"
#include "kernels/reference/quantized.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {

// Checks that the tensor is int16 with one scale and zero point 0, naming the op and the tensor
// (`role`: "input", "output"); returns the scale.
float int16_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role);

// For int16 ops that move or compare raw values (PAD, RESIZE_*, REDUCE_MAX, ...): checks input 0
// and output 0 as int16_per_tensor does and that their scales are equal; returns the scale.
float int16_equal_input_output(const OpContext& ctx);

// A fused clamp activation as an int16 range, rounded as TFLite's CalculateActivationRangeQuantized
// (bound / scale rounded half away from zero, zero point 0).
struct Int16Range {
  int32_t lo = -32768, hi = 32767;
  int16_t clamp(int64_t y) const { return static_cast<int16_t>(std::clamp<int64_t>(y, lo, hi)); }
};
Int16Range int16_activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation,
                                  float scale);

struct Int16OutputStage {
  arith::Int64Rounding how = arith::Int64Rounding::kReducedMultiplier;
  std::vector<arith::QuantizedMultiplier> multipliers;  // one per output channel
  Int16Range range;

  int16_t requantize(int64_t acc, size_t channel) const {
    return range.clamp(
        arith::multiply_by_quantized_multiplier_int64(acc, multipliers[channel], how));
  }
};

// CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED, TRANSPOSE_CONV 16x8. Checks, naming the op and
// tensor: the data input and output 0 int16 per tensor with zero point 0; filter (input 1) int8
// with zero points 0 and its scales per tensor or one per output channel along `filter_axis`; the
// optional bias int64 with `channels` elements. Computes the per-channel multipliers (input_scale *
// filter_scale[c] / output_scale, in double as TFLite) and the activation range.
Int16OutputStage prepare_int16_affine(const OpContext& ctx, int32_t channels, int filter_axis,
                                      tflite::ActivationFunctionType activation,
                                      arith::Int64Rounding how, AffineOperands operands = {});

// The int64 bias data, or null when the op has none.
inline const int64_t* optional_int64_bias(const OpContext& ctx, int input) {
  return ctx.has_input(input) ? ctx.input(input).as<int64_t>() : nullptr;
}

// bias + sum, wrapping on overflow (a bias from an untrusted file may be anywhere in int64; sums of
// 16x8 products stay far below 2^63).
inline int64_t add_bias(const int64_t* bias, size_t channel, int64_t sum) {
  if (!bias) return sum;
  return static_cast<int64_t>(static_cast<uint64_t>(bias[channel]) + static_cast<uint64_t>(sum));
}

// The state of a 16x8 CONV_2D (Geometry = ConvGeometry) or DEPTHWISE_CONV_2D (DepthwiseGeometry).
template <class Geometry> struct Int16ConvState : Geometry {
  Int16OutputStage stage;
};

// Prepares an Int16ConvState: the output stage (filter scales along `filter_axis`; TFLite's builtin
// scales by the reduced 16-bit multiplier), then `geometry`, which sets the output shape.
template <class Geometry>
void prepare_int16_conv(OpContext& ctx, int32_t out_channels, int filter_axis,
                        tflite::ActivationFunctionType activation,
                        Geometry (*geometry)(OpContext&, int32_t)) {
  Int16ConvState<Geometry>& state = ctx.make_state<Int16ConvState<Geometry>>();
  state.stage = prepare_int16_affine(ctx, out_channels, filter_axis, activation,
                                     arith::Int64Rounding::kReducedMultiplier);
  static_cast<Geometry&>(state) = geometry(ctx, out_channels);
}

// MAX_POOL_2D and AVERAGE_POOL_2D, int16: checks an int16 input and output with equal scales
// (pooling does not requantize) and fills PoolState (pool.h) with the activation's int16 bounds.
void prepare_int16_pool(OpContext& ctx);

// ADD and SUB, 16x8 (add_int16.cc, sub_int16.cc): out = clamp(a +- b) with broadcasting, zero
// points 0. TFLite has two paths, and LiteRT.js runs TFLite's kernel under both arithmetics:
//  - general (left shift 15): tflite_add of requantize.h, Q31 multipliers with double rounding;
//  - power of two, taken when the options table says pot_scale_int16 (a file without the table
//    reads as false) and all three scales are powers of two: the input with the smaller scale is
//    divided by 2^k (rounding half away from zero), then a saturating int16 add (or subtract). The
//    other input's scale must equal the output's, as TFLite requires; ADD (not SUB) then takes no
//    broadcasting.
struct Int16AddState {
  bool pot = false;
  arith::TfliteAdd general;
  int a_shift = 0, b_shift = 0;  // pot: right shifts of a and b (one of them 0)
  bool subtract = false;
  Int16Range range;
};
// `pot_option`: the op's pot_scale_int16 (false when the file has no options table).
void prepare_int16_add(OpContext& ctx, tflite::ActivationFunctionType activation, bool pot_option,
                       bool subtract);
void eval_int16_add(OpContext& ctx);

// LOGISTIC and TANH, int16 (logistic_int16.cc, tanh_int16.cc): TFLite's 16-bit table kernels.
// The input is rescaled to x * 3 * 2^12 * input_scale (so that 2^9 steps of it are 1/24: the
// table's spacing), then sigmoid is interpolated linearly in a 256-entry table of sigmoid(i / 24)
// in 0.16 fixed point; tanh(x) = 2 sigmoid(2x) - 1 reads the same table at twice the step.
// Outputs are in 2^-15 units. The table (sigmoid_table_q16) is not sigmoid(i / 24) rounded: each
// entry is lowered by h^2/16 * sigmoid''(x) (h = 1/24), half the chord error of linear
// interpolation, then rounded; the last entry is the saturated 65535.
const std::array<uint16_t, 256>& sigmoid_table_q16();

// The input rescaling x * multiplier >> left_shift (rounding half up) for the table; or, with
// `fixed_point`, TFLite's fixed-point path (arith/fixed_point_int16.h) on the input in Q3.12,
// doubled with saturation first when `doubled` (TANH at input scale 2^-11).
struct Int16SigmoidScaling {
  int32_t multiplier = 0;
  int left_shift = 0;
  bool fixed_point = false;
  bool doubled = false;
};
// TFLite's: 3 << k for a power-of-two input scale 2^(k-12), else the largest
// multiplier = trunc(input_scale * 3 * 2^12 * 2^left_shift) above 2^14 - 1/2.
Int16SigmoidScaling int16_sigmoid_scaling(float input_scale);
int16_t logistic_int16(int16_t x, Int16SigmoidScaling s);
int16_t tanh_int16(int16_t x, Int16SigmoidScaling s);
// Checks one int16 input and output (zero points 0, output scale 2^-15), sets the output shape and
// returns the input scaling. Under kRuntime, the power-of-two input scales for which LiteRT.js
// runs TFLite's optimized fixed-point kernel instead of the table (`tanh`: 2^-12 and 2^-11,
// otherwise 2^-12) take the fixed-point path.
Int16SigmoidScaling prepare_int16_sigmoid(OpContext& ctx, bool tanh);
// Their eval: out = fn(x) elementwise, the state an Int16SigmoidScaling.
template <int16_t (*fn)(int16_t, Int16SigmoidScaling)> void eval_int16_sigmoid(OpContext& ctx) {
  const Int16SigmoidScaling& s = ctx.state<Int16SigmoidScaling>();
  const TensorBuffer& input = ctx.input(0);
  const int16_t* in = input.as<int16_t>();
  int16_t* out = ctx.output(0).as<int16_t>();
  for (int64_t i = 0; i < input.elements(); ++i) out[i] = fn(in[i], s);
}

// RELU and RELU6, int16 (relu_int16.cc, relu6_int16.cc): TFLite's QuantizedReluX, which
// LiteRT.js runs under both arithmetics (XNNPACK takes no int16):
//   y = clamp(requantize(x), lo, hi)
// requantize: the Q31 multiplier of f32(si / so) with double rounding; lo, hi: round(bound / so)
// half away from zero within the int16 range (an infinite bound leaves the int16 limit). The same
// arithmetic as the int8 kernels' prepare_int8_relu (lut_int8.h) with zero points 0.
struct Int16ReluState {
  arith::QuantizedMultiplier multiplier;
  Int16Range range;
};
void prepare_int16_relu(OpContext& ctx, float lower_bound, float upper_bound);
void eval_int16_relu(OpContext& ctx);

}  // namespace lq::ref
