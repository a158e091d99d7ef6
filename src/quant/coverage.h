// Which ops each quantization mode covers, from the spec table (quant/op_spec.h), the kernels
// litequant registers and dynamic-range mode's weight rules: what `litequant ops` prints and the
// README lists.
#pragma once

#include <vector>

#include "quant/dynamic.h"
#include "tflite_generated.h"

namespace lq::quant {

enum class Support {
  kNone,     // TFLite has no kernel of this kind for the op: it stays float
  kMissing,  // TFLite has one, litequant not yet: it stays float
  kYes,      // quantized, and litequant runs it
};

struct OpCoverage {
  tflite::BuiltinOperator op = tflite::BuiltinOperator::ADD;
  bool float32 = false;  // litequant has a float32 kernel
  Support int8 = Support::kNone, int16x8 = Support::kNone;
  DynamicWeights dynamic = DynamicWeights::kNone;
};

// Every builtin op that has a float32 kernel in litequant or an entry in the spec table, by name.
std::vector<OpCoverage> op_coverage();

}  // namespace lq::quant
