// Post-training quantization of a float model, in the modes TFLite's converter offers. quantize()
// turns the float graph into the quantized one in place (a graph-to-graph transformation; the
// writer writes it like any model) and says what it did.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/element_type.h"
#include "ir/graph.h"
#include "quant/calibration.h"

namespace lq::quant {

enum class Mode {
  kFloat16,  // constant float weights stored as float16, read through DEQUANTIZE
  kDynamic,  // int8 weights, float activations, hybrid kernels
  kInt8,     // full integer, calibrated
  kInt16x8,  // int16 activations, int8 weights, calibrated
};

// "float16", "dynamic", "int8", "int16x8".
std::string_view mode_name(Mode mode);
// Fails, listing the modes, for any other name.
Mode parse_mode(std::string_view name);

struct QuantizeOptions {
  Mode mode = Mode::kFloat16;
  ElementType input_type = ElementType::kFloat32;   // of the model's inputs
  ElementType output_type = ElementType::kFloat32;  // of the model's outputs
  bool per_tensor = false;  // per-tensor weights instead of per-channel
  bool strict = false;      // an op left float is an error (TFLite's TFLITE_BUILTINS_INT8)
  // int8 and int16x8: the calibrated ranges of the float model's tensors (quant/calibration.h),
  // from the same model as quantize() receives; required by those modes.
  const Calibrator* calibration = nullptr;
  int64_t calibration_samples = 0;  // for the report
};

// Op name ("CONV_2D") -> how many ops of that type.
using OpCounts = std::map<std::string, int>;

struct QuantizeReport {
  Mode mode = Mode::kFloat16;
  OpCounts quantized_ops;       // ops whose weights or arithmetic the mode changed
  OpCounts float_ops;           // ops of the float model left as they were
  std::map<std::string, std::string> float_reasons;  // op name -> why (the first such op's reason)
  int64_t calibration_samples = 0;
};

// A model as the quantizer starts from it: DEQUANTIZE of a constant folded into a float32
// constant (float16-weight models become float). quantize() does this first; callers that need
// the float model itself (its size, its outputs) call it too.
void read_as_float(ir::Model& model);

// Quantizes `model` in place. Fails, before changing anything, for options the mode does not
// take and for a mode that is not implemented yet.
QuantizeReport quantize(ir::Model& model, const QuantizeOptions& options);

}  // namespace lq::quant
