// Reads a .tflite file into the graph IR. The file is untrusted: the FlatBuffers verifier runs first,
// then every index, size and shape is checked before anything is built. Errors name the file and the
// subgraph, tensor or op that is wrong.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace lq::io {

ir::Model read_tflite(const std::string& path);
// `origin` names the source in error messages.
ir::Model parse_tflite(const uint8_t* bytes, size_t size, const std::string& origin);

}  // namespace lq::io
