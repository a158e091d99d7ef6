// Loads a model by its file name: a .tflite file is read as it is, an .onnx file is converted
// (frontend/onnx/onnx_import.h) with `onnx` options. Every command that takes a model uses this.
#pragma once

#include <string>

#include "frontend/onnx/onnx_import.h"
#include "ir/graph.h"

namespace lq::frontend {

ir::Model load_model(const std::string& path, const OnnxImportOptions& onnx = {});

}  // namespace lq::frontend
