#include "io/model_file.h"

#include "core/error.h"
#include "io/tflite_reader.h"

namespace lq::io {

ir::Model load_model(const std::string& path) {
  if (path.ends_with(".onnx")) fail(path, ": ONNX import is not implemented yet");
  return read_tflite(path);
}

}  // namespace lq::io
