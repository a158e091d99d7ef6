#include "frontend/load_model.h"

#include "io/tflite_reader.h"

namespace lq::frontend {

ir::Model load_model(const std::string& path, const OnnxImportOptions& onnx) {
  if (path.ends_with(".onnx")) return import_onnx(path, onnx);
  return io::read_tflite(path);
}

}  // namespace lq::frontend
