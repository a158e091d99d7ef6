// Which integer arithmetic the interpreter's quantized kernels use: a setting of the plan (see
// DESIGN.md, seam 5), read by kernels through OpContext. Each kernel maps the policy to the
// requantization of requantize.h that the chosen runtime applies to that op.
#pragma once

#include <optional>
#include <string_view>

namespace lq::arith {

enum class Arithmetic {
  // What LiteRT.js measurably does, op by op (ARITHMETIC.md): XNNPACK's float32 requantization for
  // int8 CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED and MUL, XNNPACK's fixed-point ADD/SUB (each
  // within XNNPACK's accepted scale ranges, TFLite's outside them), XNNPACK's rounding of fused
  // activation bounds, float32 MEAN (scale f32(f32(si/so)/n)), XNNPACK's 8-bit fixed-point
  // requantizing QUANTIZE, TFLite's builtins elsewhere (e.g. AVERAGE_POOL_2D).
  kRuntime,
  // TFLite's builtin reference kernels everywhere: Q31 multipliers with double rounding.
  kTfliteReference,
};

// "runtime", "tflite-reference": the names of a command-line flag.
std::string_view arithmetic_name(Arithmetic arithmetic);
std::optional<Arithmetic> parse_arithmetic(std::string_view name);

}  // namespace lq::arith
