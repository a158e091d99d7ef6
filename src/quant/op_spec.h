// The per-op quantization spec table (DESIGN.md seam 3): for each TFLite builtin op, which inputs are
// weights and bias, the per-axis dimension of the weights, the constraint on the output's scale and zero
// point, and which integer activation types TFLite has kernels for. It follows TFLite's published 8-bit
// quantization specification and the 16x8 scheme (int16 activations with zero point 0, int8 weights,
// int64 bias). `quantize`, `check` and the explanation layer all read this one table.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/element_type.h"
#include "tflite_generated.h"

namespace lq::quant {

// Rules shared by every op of the spec.
inline constexpr int32_t kWeightMin = -127;  // int8 weights are symmetric: -128 is never used
inline constexpr int32_t kWeightMax = 127;
inline constexpr double kScaleRelTolerance = 1e-6;  // equal scales, e.g. bias = input x weight

enum class OutputRule : uint8_t {
  kFree,          // the output has its own (calibrated) scale and zero point
  kSameAsInput,   // every data input and every output share one scale and zero point
  kFixed,         // fixed scale and zero point per activation type (OpQuantSpec::fixed)
  kNotQuantized,  // the output is not a quantized activation (indices, booleans, shapes)
};

struct FixedParams {
  double scale = 0;  // 0: no fixed parameters for this type (the op has no kernel for it)
  int32_t zero_point = 0;
};

struct OpQuantSpec {
  tflite::BuiltinOperator op = tflite::BuiltinOperator::ADD;
  // Inputs that carry activations (quantized with the activation type); shape, axis, size and index
  // inputs are not listed. Ignored when all_inputs_are_data.
  std::vector<int32_t> data_inputs{0};
  bool all_inputs_are_data = false;  // CONCATENATION, PACK, ADD_N
  int32_t weight_input = -1;         // int8 symmetric weights, -1: none
  int32_t weight_axis = -1;          // per-axis dimension of the weights, -1: per-tensor only
  bool weight_only_if_constant = false;  // BATCH_MATMUL: input 1 is a weight only when constant
  int32_t bias_input = -1;           // int32 (int8 activations) / int64 (int16) bias, -1: none
  OutputRule output = OutputRule::kFree;
  FixedParams fixed_int8, fixed_int16;  // for OutputRule::kFixed
  bool int8 = true;                  // TFLite has an int8 kernel
  bool int16 = false;                // TFLite has a 16x8 kernel (int16 activations)
  bool hybrid = false;               // dynamic-range (hybrid) kernel: float activations, int8 weights

  // Whether input `index` is a data input (an activation).
  bool is_data_input(int32_t index) const;
  bool supports(ElementType activation_type) const;
  const FixedParams& fixed(ElementType activation_type) const;  // int8 or int16
};

// The entry for `op`, or nullptr when the op has no integer quantization in the spec (it stays float).
const OpQuantSpec* find_op_spec(tflite::BuiltinOperator op);
// Every entry, in table order.
const std::vector<OpQuantSpec>& op_spec_table();

// Bias element type for an activation type: int32 for int8, int64 for int16 (16x8).
ElementType bias_type_for(ElementType activation_type);
// Whether `type` is a quantized activation type (int8, uint8, int16).
bool is_quantized_type(ElementType type);

}  // namespace lq::quant
