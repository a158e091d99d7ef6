// Writes the graph IR as a .tflite file, filled in as TFLite's converter fills it: each tensor's data
// in its own 16-byte aligned buffer, operator codes with deprecated_builtin_code beside builtin_code,
// operator versions no lower than the runtime needs for the op's types and options, and the
// min_runtime_version metadata.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace lq::io {

std::vector<uint8_t> serialize_tflite(const ir::Model& model);
// Writes atomically: a temporary file beside `path`, then rename.
void write_tflite(const ir::Model& model, const std::string& path);

}  // namespace lq::io
