// Fixed-point requantization: the one place where integer kernels turn an int32/int64 accumulator
// into an output integer. A real multiplier M (e.g. input_scale * weight_scale / output_scale) is
// stored as a Q31 value q in [2^30, 2^31) and a power-of-two exponent: M = q * 2^(shift - 31).
// The runtimes round the product in different ways; which one an op uses is a choice (a policy of
// the plan), not a detail of a kernel:
//   kDoubleRounding  TFLite's reference kernels (gemmlowp): a rounding doubling high multiply (ties
//                    toward +infinity), then a rounding right shift (ties away from zero).
//   kSingleRounding  TFLite built with TFLITE_SINGLE_ROUNDING: one 64-bit product, one rounding
//                    shift, ties toward +infinity.
//   kFloat32         XNNPACK: float32(acc) * float32 scale, rounded to nearest even.
#pragma once

#include <cstdint>

namespace lq::arith {

enum class Rounding { kDoubleRounding, kSingleRounding, kFloat32 };

struct QuantizedMultiplier {
  int32_t multiplier = 0;  // Q31, in [2^30, 2^31) unless zero
  int shift = 0;           // left shift (> 0) or right shift (< 0)
};

// Decomposes a real multiplier as TFLite's QuantizeMultiplier does (frexp, round to Q31; values
// too small for a 31-bit right shift become zero).
QuantizedMultiplier quantize_multiplier(double real);

// (a * b * 2) / 2^32 rounded to nearest, ties toward +infinity; saturates the single overflow case
// (INT32_MIN * INT32_MIN).
int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b);
// x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31].
int32_t rounding_divide_by_pot(int32_t x, int exponent);

// x * M with the given rounding (kDoubleRounding or kSingleRounding).
int32_t multiply_by_quantized_multiplier(int32_t x, QuantizedMultiplier m, Rounding rounding);
// How the 16x8 kernels scale a 64-bit accumulator x by M = q * 2^(shift - 31).
enum class Int64Rounding {
  // TFLite's int64 MultiplyByQuantizedMultiplier (its integer_ops conv, depthwise, fully connected
  // and BatchMatMul): q reduced to 16 bits, one rounding shift, ties toward +infinity; a result
  // beyond int32 keeps its low 32 bits, as TFLite's cast does (LiteRT.js's 16x8 CONV_2D and
  // BATCH_MATMUL measurably wrap).
  kReducedMultiplier,
  // The full Q31 multiplier, one rounding shift, ties away from zero, saturating to int32:
  //   sign(x) * ((|x| * q + 2^(30 - shift)) >> (31 - shift))
  // (what LiteRT.js measurably runs for FULLY_CONNECTED 16x8, saturation included).
  kQ31AwayFromZero,
};
int32_t multiply_by_quantized_multiplier_int64(
    int64_t x, QuantizedMultiplier m, Int64Rounding rounding = Int64Rounding::kReducedMultiplier);

// M / n as TFLite's QuantizedMeanOrSum folds a count into a multiplier (MEAN int8 and int16):
// q * 2^k / n (integer division) with the shift lowered by k = floor(log2 n), k capped at 32 and
// at 31 + shift (so the product cannot overflow and the shift stays >= -31). n > 0.
QuantizedMultiplier divide_multiplier_by_count(QuantizedMultiplier m, int64_t n);
// XNNPACK's float32 requantization of an accumulator: rint(float(acc) * scale).
int32_t multiply_by_float_scale(int32_t acc, float scale);
// The float32 scale XNNPACK computes for a conv/FC output: f32(f32(input * weight) / output).
float float32_requantization_scale(float input_scale, float weight_scale, float output_scale);

// Quantized ADD (SUB with the second input's multiplier negated) as XNNPACK computes it: both
// inputs rescaled to the output by integer multipliers of about 21 bits, one rounding shift:
//   y = (bias + a * a_multiplier + b * b_multiplier) >> shift       (arithmetic shift)
// where bias folds in the zero points and half of 2^shift (the output zero point is added after).
struct XnnpackAdd {
  int32_t a_multiplier = 0, b_multiplier = 0;
  int64_t bias = 0;
  int shift = 0;
};
// a_output_scale = f32(a_scale / output_scale), likewise b; both in [2^-10, 2^8) (the range
// XNNPACK accepts, which keeps the shift in [13, 30]). `subtract` negates b's multiplier.
XnnpackAdd xnnpack_add_params(float a_output_scale, float b_output_scale, int32_t a_zero_point,
                              int32_t b_zero_point, bool subtract);
int32_t xnnpack_add(const XnnpackAdd& p, int32_t a, int32_t b);

// Quantized ADD (and SUB) as TFLite's reference computes it: each input minus its zero point is
// shifted left by `left_shift` (20 for int8), scaled by a multiplier below one (input scale over
// twice the larger input scale), the two summed and scaled to the output, each product with double
// rounding. SUB negates b's multiplier, as TFLite does.
struct TfliteAdd {
  int left_shift = 20;
  QuantizedMultiplier a, b, output;
};
TfliteAdd tflite_add_params(float a_scale, float b_scale, float output_scale, int left_shift,
                            bool subtract);
// a and b with their zero points already subtracted; the output zero point is added after.
int32_t tflite_add(const TfliteAdd& p, int32_t a, int32_t b);

}  // namespace lq::arith
