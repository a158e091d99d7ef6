// Validates a quantized model against the per-op quantization spec table (quant/op_spec.h) and lists
// every violation. Runtimes accept files that break the spec (LiteRT.js ran an int8 FULLY_CONNECTED
// whose weight zero point was 5, and silently computes garbage for a CONCATENATION whose inputs have
// other scales than its output), so `litequant check` looks for what they do not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace lq::quant {

enum class ViolationKind : uint8_t {
  kMissingQuantParams,  // an int8/uint8/int16 tensor without a scale
  kInvalidQuantParams,  // scale not positive and finite, or zero point count != scale count
  kZeroPointRange,      // zero point outside the element type's range
  kPerAxisActivation,   // an activation with per-axis parameters (activations are per tensor)
  kInt16ZeroPoint,      // int16 activations are symmetric (16x8): zero point 0
  kWeightType,          // weights of a quantized op that are not int8
  kWeightZeroPoint,     // weights are symmetric: zero point 0
  kWeightRange,         // weight values outside [-127, 127]
  kWeightAxis,          // per-axis dimension wrong, or scale count != that dimension's size
  kBiasType,            // int32 for int8 activations, int64 for int16
  kBiasScale,           // bias scale = input scale x weight scale (per channel)
  kBiasZeroPoint,       // bias zero point 0
  kFixedOutput,         // LOGISTIC, TANH, SOFTMAX, ... have fixed output parameters
  kSharedParams,        // pooling, reshape, concatenation, ...: inputs and outputs share parameters
  kMixedTypes,          // an op's activations of different types (e.g. float32 and int8)
  kUnsupportedType,     // the spec has no kernel for this op with these activation types
  kIoType,              // model inputs/outputs: float32, int8, uint8 or int16, uint8 via QUANTIZE
};

// "weight-zero-point", "bias-scale", ...: stable names for scripts (--json) and tests.
std::string_view violation_kind_name(ViolationKind kind);

struct Violation {
  ViolationKind kind = ViolationKind::kMissingQuantParams;
  int32_t subgraph = 0;
  int32_t op = -1;      // op index in the subgraph; -1 for a model input/output not tied to an op
  std::string op_name;  // "CONV_2D"
  std::string tensor;   // tensor name
  std::string message;  // what was expected and what was found
};

struct CheckResult {
  bool quantized = false;  // the model has int8, uint8 or int16 tensors; nothing is checked otherwise
  std::vector<Violation> violations;
};

CheckResult check_model(const ir::Model& model);

// One line: "op 3 (CONV_2D) tensor 'w': weight-zero-point: expected 0, found 5 ...".
std::string violation_text(const Violation& v);

}  // namespace lq::quant
