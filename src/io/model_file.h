// Loads a model by its file name: .tflite now; .onnx files are converted on load (later issue).
#pragma once

#include <string>

#include "ir/graph.h"

namespace lq::io {

ir::Model load_model(const std::string& path);

}  // namespace lq::io
