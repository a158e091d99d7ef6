#include "kernels/reference/quantized_int16.h"

#include "arith/fixed_point_int16.h"
#include "kernels/reference/affine.h"
#include "kernels/reference/binary.h"
#include "kernels/reference/pool.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

void check_int64_bias(const OpContext& ctx, int32_t channels, int index) {
  if (!ctx.has_input(index)) return;
  const TensorBuffer& bias = ctx.input(index);
  ctx.check(bias.type == ElementType::kInt64, "bias '", bias.name(), "' is ",
            element_type_name(bias.type), ", expected int64 (16x8 quantization)");
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels,
            " elements (one per output channel)");
}

// TFLite's CheckedLog2: log2(x) rounded, and whether x is a power of two within 1e-3 in log2.
bool power_of_two(float x, int& log2) {
  const float l = std::log2(x);
  const float rounded = std::round(l);
  log2 = static_cast<int>(rounded);
  return std::fabs(l - rounded) < 1e-3f;
}

// The pot path's right shifts of a and b; fails, as TFLite does, when either input's scale is
// above the output's or neither equals it.
void prepare_pot_shifts(const OpContext& ctx, int a_log2, int b_log2, int out_log2,
                        Int16AddState& s) {
  const int a_shift = out_log2 - a_log2, b_shift = out_log2 - b_log2;
  ctx.check(a_shift >= 0 && b_shift >= 0 && (a_shift == 0 || b_shift == 0),
            "power-of-two int16 scales 2^", a_log2, " and 2^", b_log2, " with output scale 2^",
            out_log2, ": expected one input scale equal to the output's and the other not larger "
            "(set pot_scale_int16 false for general scales)");
  // Shifts beyond 16 leave 0 for every int16; 31 keeps the rounding shift defined.
  s.a_shift = std::min(a_shift, 31);
  s.b_shift = std::min(b_shift, 31);
}

}  // namespace

float int16_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role) {
  ctx.check(tensor.type == ElementType::kInt16, role, " '", tensor.name(), "' is ",
            element_type_name(tensor.type), ", expected int16");
  ctx.check(tensor.quant().scale.size() == 1, role, " '", tensor.name(), "' has ",
            tensor.quant().scale.size(), " scales, expected one (per-tensor quantization)");
  const AffineParams params = affine_params(ctx, tensor, role);
  ctx.check(params.zero_point[0] == 0, role, " '", tensor.name(), "' has zero point ",
            params.zero_point[0], ", expected 0 (int16 activations are symmetric)");
  return params.scale[0];
}

float int16_equal_input_output(const OpContext& ctx) {
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(in == out, "output '", ctx.output(0).name(), "' has scale ", out,
            ", expected the input's (", in, "): ", ctx.name(), " does not requantize");
  return out;
}

Int16Range int16_activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation,
                                  float scale) {
  const ActivationRange range = activation_range(ctx, activation);
  return {quantize_activation_bound(range.lo, scale, 0, false, kInt16Limits),
          quantize_activation_bound(range.hi, scale, 0, false, kInt16Limits)};
}

Int16OutputStage prepare_int16_affine(const OpContext& ctx, int32_t channels, int filter_axis,
                                      tflite::ActivationFunctionType activation,
                                      arith::Int64Rounding how, AffineOperands operands) {
  const float input_scale = int16_per_tensor(ctx, ctx.input(operands.data), "input");
  const float output_scale = int16_per_tensor(ctx, ctx.output(0), "output");
  const std::vector<float> weight_scales = int8_filter_scales(ctx, channels, filter_axis);
  check_int64_bias(ctx, channels, operands.bias);
  Int16OutputStage stage;
  stage.how = how;
  for (float ws : weight_scales)
    stage.multipliers.push_back(arith::quantize_multiplier(
        static_cast<double>(input_scale) * ws / static_cast<double>(output_scale)));
  stage.range = int16_activation_range(ctx, activation, output_scale);
  return stage;
}

void prepare_int16_pool(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(in == out, "output '", ctx.output(0).name(), "' has scale ", out,
            ", expected the input's (", in, "): pooling does not requantize");
  PoolState& state = prepare_pool_geometry(ctx);
  const Int16Range range = int16_activation_range(
      ctx, ctx.options<tflite::Pool2DOptionsT>().fused_activation_function, out);
  state.range = {static_cast<float>(range.lo), static_cast<float>(range.hi)};
}

void prepare_int16_add(OpContext& ctx, tflite::ActivationFunctionType activation, bool pot_option,
                       bool subtract) {
  prepare_binary_same(ctx);
  const float a = int16_per_tensor(ctx, ctx.input(0), "input");
  const float b = int16_per_tensor(ctx, ctx.input(1), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  Int16AddState& s = ctx.make_state<Int16AddState>();
  s.subtract = subtract;
  s.range = int16_activation_range(ctx, activation, out);
  int a_log2 = 0, b_log2 = 0, out_log2 = 0;
  s.pot = pot_option && power_of_two(a, a_log2) && power_of_two(b, b_log2) &&
          power_of_two(out, out_log2);
  // TFLite's power-of-two ADD reads both inputs elementwise (LiteRT.js aborts on a broadcast one);
  // its SUB broadcasts.
  if (s.pot && !subtract)
    ctx.check(ctx.input(0).shape == ctx.input(1).shape, "inputs of shapes ",
              shape_string(ctx.input(0).shape), " and ", shape_string(ctx.input(1).shape),
              ": the power-of-two int16 path (pot_scale_int16) does not broadcast");
  if (s.pot) prepare_pot_shifts(ctx, a_log2, b_log2, out_log2, s);
  else s.general = arith::tflite_add_params(a, b, out, 15, subtract);
}

void eval_int16_add(OpContext& ctx) {
  const Int16AddState& s = ctx.state<Int16AddState>();
  if (!s.pot) {
    eval_binary<int16_t, int16_t>(ctx, [&](int16_t a, int16_t b) {
      return s.range.clamp(arith::tflite_add(s.general, a, b));
    });
    return;
  }
  eval_binary<int16_t, int16_t>(ctx, [&](int16_t a, int16_t b) {
    const int32_t x = arith::rounding_divide_by_pot(a, s.a_shift);
    const int32_t y = arith::rounding_divide_by_pot(b, s.b_shift);
    // The saturating int16 add or subtract, then the activation's clamp.
    const int32_t saturated = std::clamp(s.subtract ? x - y : x + y, -32768, 32767);
    return s.range.clamp(saturated);
  });
}

const std::array<uint16_t, 256>& sigmoid_table_q16() {
  static const std::array<uint16_t, 256> table = [] {
    std::array<uint16_t, 256> t{};
    constexpr double h = 1.0 / 24.0;
    for (size_t i = 0; i + 1 < t.size(); ++i) {
      const double s = 1.0 / (1.0 + std::exp(-static_cast<double>(i) * h));
      const double second_derivative = s * (1.0 - s) * (1.0 - 2.0 * s);
      t[i] = static_cast<uint16_t>(std::lround(65536.0 * (s - h * h / 16.0 * second_derivative)));
    }
    t.back() = 65535;
    return t;
  }();
  return table;
}

Int16SigmoidScaling int16_sigmoid_scaling(float input_scale) {
  int log2 = 0;
  if (power_of_two(input_scale, log2) && (log2 == -12 || log2 == -11))
    return {3 << (log2 + 12), 0};
  // As TFLite: doubled (in double precision) until above 32767 / 2, then truncated.
  double multiplier = static_cast<double>(input_scale) * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  return {static_cast<int32_t>(std::min(multiplier, 2147483647.0)), shift};
}

namespace {

// The rescaled input: x * multiplier / 2^left_shift rounded half up (64-bit: TFLite's int32
// product overflows only for input scales above 2^4).
int64_t sigmoid_input(int16_t x, Int16SigmoidScaling s) {
  const int64_t round = s.left_shift > 0 ? int64_t{1} << (s.left_shift - 1) : 0;
  return (int64_t{x} * s.multiplier + round) >> s.left_shift;
}

// sigmoid(|i| / 2^frac_bits / 24) * 2^(16 + frac_bits), interpolated in the table; saturated beyond
// its end.
int64_t interpolated_sigmoid(int64_t magnitude, int frac_bits) {
  const std::array<uint16_t, 256>& t = sigmoid_table_q16();
  const int64_t index = magnitude >> frac_bits;
  if (index >= 255) return int64_t{0xFFFF} << frac_bits;
  const int64_t frac = magnitude & ((int64_t{1} << frac_bits) - 1);
  const int64_t lo = t[static_cast<size_t>(index)], hi = t[static_cast<size_t>(index) + 1];
  return (lo << frac_bits) + frac * (hi - lo);
}

}  // namespace

int16_t logistic_int16(int16_t x, Int16SigmoidScaling s) {
  if (s.fixed_point) return arith::logistic_q3_12(x);
  const int64_t i = sigmoid_input(x, s);
  // 2^9 steps per table entry; the 0.16 result with 9 fraction bits is rounded to 0.15, and
  // sigmoid(-x) = 1 - sigmoid(x). The saturated value is TFLite's 0x7FFF << 10.
  const int64_t magnitude = i < 0 ? -i : i;
  const int64_t r =
      (magnitude >> 9) >= 255 ? int64_t{0x7FFF} << 10 : interpolated_sigmoid(magnitude, 9);
  const int64_t y = i >= 0 ? r + (1 << 9) : (int64_t{1} << 25) - r + (1 << 9) - 1;
  return static_cast<int16_t>(std::clamp<int64_t>(y >> 10, -32768, 32767));
}

int16_t tanh_int16(int16_t x, Int16SigmoidScaling s) {
  if (s.fixed_point)
    return arith::tanh_q3_12(s.doubled ? static_cast<int16_t>(std::clamp(2 * x, -32768, 32767)) : x);
  const int64_t i = sigmoid_input(x, s);
  // 2^8 steps per entry (tanh(x) = 2 sigmoid(2x) - 1): 2 * sigmoid - 1 in 0.15 with 8 fraction
  // bits, rounded to 0.15.
  const int64_t magnitude = i < 0 ? -i : i;
  const int64_t r = interpolated_sigmoid(magnitude, 8);
  const int64_t y = i >= 0 ? r - (int64_t{1} << 23) + (1 << 7)
                           : -r + (int64_t{1} << 23) + (1 << 7) - 1;
  return static_cast<int16_t>(std::clamp<int64_t>(y >> 8, -32768, 32767));
}

Int16SigmoidScaling prepare_int16_sigmoid(OpContext& ctx, bool tanh) {
  check_io_count(ctx, 1, 1, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(out == 0x1.0p-15f, "output '", ctx.output(0).name(), "' has scale ", out,
            ", expected 1/32768 (the 16-bit kernel writes 2^-15 units)");
  // LiteRT.js runs TFLite's optimized kernel, which takes a fixed-point path instead of the table
  // for these input scales (TANH: 2^-12 and 2^-11, LOGISTIC: 2^-12); TFLite's reference kernel
  // reads the table for every scale.
  int log2 = 0;
  Int16SigmoidScaling s = int16_sigmoid_scaling(in);
  s.fixed_point = ctx.arithmetic() == arith::Arithmetic::kRuntime && power_of_two(in, log2) &&
                  (log2 == -12 || (tanh && log2 == -11));
  s.doubled = log2 == -11;
  ctx.set_output_shape(0, ctx.input(0).shape);
  return s;
}

void prepare_int16_relu(OpContext& ctx, float lower_bound, float upper_bound) {
  check_io_count(ctx, 1, 1, 1);
  const float in = int16_per_tensor(ctx, ctx.input(0), "input");
  const float out = int16_per_tensor(ctx, ctx.output(0), "output");
  Int16ReluState& s = ctx.make_state<Int16ReluState>();
  // TFLite divides in float32, then decomposes the quotient (as a double).
  const float ratio = in / out;
  ctx.check(std::isfinite(ratio), "has a scale ratio of ", ratio,
            ", expected a finite value (from the tensors' scales)");
  s.multiplier = arith::quantize_multiplier(static_cast<double>(ratio));
  s.range = {quantize_activation_bound(lower_bound, out, 0, false, kInt16Limits),
             quantize_activation_bound(upper_bound, out, 0, false, kInt16Limits)};
  ctx.set_output_shape(0, ctx.input(0).shape);
}

void eval_int16_relu(OpContext& ctx) {
  const Int16ReluState& s = ctx.state<Int16ReluState>();
  const TensorBuffer& in = ctx.input(0);
  const int16_t* pi = in.as<int16_t>();
  int16_t* po = ctx.output(0).as<int16_t>();
  const int64_t count = in.elements();
  for (int64_t i = 0; i < count; ++i)
    po[i] = s.range.clamp(arith::multiply_by_quantized_multiplier(
        pi[i], s.multiplier, arith::Rounding::kDoubleRounding));
}

}  // namespace lq::ref
