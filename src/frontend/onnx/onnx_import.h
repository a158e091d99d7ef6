// Converting ONNX models into the IR: `litequant convert MODEL.onnx -o MODEL.tflite`, and every
// command that takes an .onnx file. The result is an NHWC TFLite graph: weights are permuted at
// conversion time and a TRANSPOSE stays only where the graph needs one (see ir/passes.h).
#pragma once

#include <map>
#include <string>

#include "core/error.h"
#include "core/shape.h"
#include "ir/graph.h"

namespace lq::frontend {

enum class InputLayout {
  kNhwc,  // 4-D image inputs that are NCHW in the ONNX model are taken NHWC (TFLite's convention)
  kNchw,  // inputs keep the ONNX model's layout; one TRANSPOSE at the entrance
};

struct OnnxImportOptions {
  // Input shapes in the ONNX model's own dimension order; needed for dynamic dimensions other than
  // a leading batch dimension (which becomes 1, with shape_signature -1).
  std::map<std::string, Shape> input_shapes;
  InputLayout input_layout = InputLayout::kNhwc;
};

// A node TFLite builtins cannot express (cubic resize, MaxPool's indices output, ...), or an opset
// outside 9..17. Counted apart from failures by the conformance tests.
class UnsupportedVariant : public Error {
 public:
  using Error::Error;
};

ir::Model import_onnx(const std::string& path, const OnnxImportOptions& options = {});

// Parses "x=1x3x48x192" (a --input-shape flag) into the map.
void parse_input_shape(const std::string& text, std::map<std::string, Shape>& shapes);

}  // namespace lq::frontend
