// Shared by the int8 kernels whose output is an int32 accumulator requantized per output channel
// (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED): the checks of their quantization parameters, the
// multipliers computed once in prepare(), and the output stage that applies the plan's arithmetic.
//   acc = bias[c] + sum (x - input_zero_point) * w        (exact, int32)
//   y   = clamp(requantize(acc, c) + output_zero_point, act_lo, act_hi)
// requantize() is XNNPACK's float32 rounding under Arithmetic::kRuntime (what LiteRT.js runs for
// these ops, ARITHMETIC.md) and TFLite's double-rounding Q31 multiply under kTfliteReference.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "arith/requantize.h"
#include "kernels/reference/common.h"

namespace lq::ref {

struct Int8OutputStage {
  bool float32 = true;  // kRuntime: XNNPACK's float32 requantization
  std::vector<float> scales;                           // one per output channel
  std::vector<arith::QuantizedMultiplier> multipliers;  // one per output channel
  int32_t zero_point = 0;
  int32_t lo = -128, hi = 127;  // the fused activation, in the quantized domain

  int8_t requantize(int32_t acc, size_t channel) const {
    const int32_t scaled =
        float32 ? arith::multiply_by_float_scale(acc, scales[channel])
                : arith::multiply_by_quantized_multiplier(acc, multipliers[channel],
                                                          arith::Rounding::kDoubleRounding);
    // Saturating: a product near the int32 limits must not wrap when the zero point is added.
    const int64_t shifted = static_cast<int64_t>(scaled) + zero_point;
    return static_cast<int8_t>(std::clamp<int64_t>(shifted, lo, hi));
  }
};

// One int8 tensor quantized per tensor.
struct Int8Quant {
  float scale = 1.0f;
  int32_t zero_point = 0;
};
// Checks that the tensor is int8 with one scale and a zero point in the int8 range, naming the op
// and the tensor (`role`: "input", "output").
Int8Quant int8_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role);
// For int8 ops that move or compare raw values (PAD, RESIZE_*, REDUCE_MAX, ...): checks input 0
// and output 0 as int8_per_tensor does and that they share scale and zero point; returns them.
Int8Quant int8_equal_input_output(const OpContext& ctx);

// The limits of an integer element type ([-128, 127] for int8, [-32768, 32767] for int16).
struct IntLimits {
  int32_t min = -128, max = 127;
};
inline constexpr IntLimits kInt8Limits{-128, 127};
inline constexpr IntLimits kInt16Limits{-32768, 32767};

// One activation bound (a real value) in the quantized domain of a tensor with `scale` and
// `zero_point`, within `limits`, as each runtime rounds it: TFLite (CalculateActivationRange-
// Quantized, QuantizedReluX) rounds bound / scale half away from zero, then adds the zero point;
// XNNPACK (`float32`) rounds bound / scale + zero point half to even. An infinite bound gives the
// type's limit.
int32_t quantize_activation_bound(float bound, float scale, int32_t zero_point, bool float32,
                                  IntLimits limits);

// A fused clamp activation as an int8 range [lo, hi] of a tensor quantized with `q`: rounded as
// XNNPACK does (`float32`, Arithmetic::kRuntime) or as TFLite does.
struct Int8Range {
  int32_t lo = -128, hi = 127;
};
Int8Range int8_activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation,
                                Int8Quant q, bool float32);

// The int8 filter's scales (input 1), one per output channel (a per-tensor scale repeated). Checks,
// naming the op and the tensor: int8, zero points 0, and one scale or `channels` scales along
// `filter_axis`. Shared by the int8 and 16x8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED.
std::vector<float> int8_filter_scales(const OpContext& ctx, int32_t channels, int filter_axis);

// ADD and SUB, int8 (add_int8.cc, sub_int8.cc): out = clamp(a +- b) with broadcasting, under the
// plan's arithmetic. XNNPACK, which LiteRT.js runs under kRuntime, takes only input/output scale
// ratios in [2^-10, 2^8); TFLite's delegate leaves other ADDs to TFLite's kernel, and so do we.
struct Int8AddState {
  bool xnnpack = true;
  arith::XnnpackAdd xnn;
  arith::TfliteAdd tfl;
  int32_t a_zero_point = 0, b_zero_point = 0, output_zero_point = 0;
  Int8Range range;
};
void prepare_int8_add(OpContext& ctx, tflite::ActivationFunctionType activation, bool subtract);
void eval_int8_add(OpContext& ctx);

// MAX_POOL_2D and AVERAGE_POOL_2D, int8: checks an int8 input and output with equal quantization
// (pooling does not requantize) and fills PoolState (pool.h), whose range holds the activation's
// int8 bounds (whole numbers), rounded as XNNPACK does when `float32`.
void prepare_int8_pool(OpContext& ctx, bool float32);

// Where an affine op keeps its data and bias: CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED have
// them at 0 and 2; TRANSPOSE_CONV (output_shape, weights, data, bias) at 2 and 3. The filter is
// input 1 in all of them.
struct AffineOperands {
  int data = 0;
  int bias = 2;
};

// XNNPACK's float32 requantization of an int8 reduction (MEAN, SUM), as LiteRT.js runs it: from
// the raw int32 sum of n inputs, the input zero point folded into a float bias, rounded half to
// even after the bias is added:
//   y = clamp(rint(f32(sum) * scale + f32(zo - f32(n * zi) * scale)))
// (scale: f32(si / so) * f32(1 / n) for MEAN, f32(si / so) for SUM). Subtracting n * zi from the
// sum first and adding zo last rounds some near-ties differently (measured:
// tests/models/int8_kernels_test.cc).
struct Int8ReduceRequantization {
  float scale = 0.0f, bias = 0.0f;

  Int8ReduceRequantization() = default;
  Int8ReduceRequantization(float scale_, int64_t n, int32_t input_zero_point,
                           int32_t output_zero_point)
      : scale(scale_),
        bias(static_cast<float>(output_zero_point) -
             static_cast<float>(n * input_zero_point) * scale_) {}
  int8_t operator()(int32_t sum) const {
    const float y = static_cast<float>(sum) * scale + bias;
    return static_cast<int8_t>(std::clamp(std::nearbyint(y), -128.0f, 127.0f));
  }
};

// What eval() needs besides the output stage.
struct Int8Affine {
  int32_t input_zero_point = 0;
  Int8OutputStage stage;
};

// Checks, naming the op and tensor: the data input, filter (input 1) and output 0 int8; data and
// output quantized per tensor; filter zero points 0 and its scales per tensor or one per output
// channel along `filter_axis`; the optional bias int32 with `channels` elements. Computes the
// per-channel multipliers (input_scale * filter_scale[c] / output_scale) and the activation range
// as the plan's arithmetic does.
Int8Affine prepare_int8_affine(const OpContext& ctx, int32_t channels, int filter_axis,
                               tflite::ActivationFunctionType activation,
                               AffineOperands operands = {});

// The int32 bias data, or null when the op has none.
inline const int32_t* optional_int32_bias(const OpContext& ctx, int input) {
  return ctx.has_input(input) ? ctx.input(input).as<int32_t>() : nullptr;
}

// An int64 sum narrowed to the int32 accumulator of the runtimes (wrapping, as their int32 sums do
// on overflow; in range for every model a quantizer writes).
inline int32_t accumulator(int64_t sum) { return static_cast<int32_t>(sum); }

}  // namespace lq::ref
