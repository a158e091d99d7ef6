// Reading ONNX protobuf messages (Debian's libonnx classes) into litequant's types: model files,
// tensors (initializers, Constant values, test data) and element types. Everything read from a file
// is checked: sizes against shapes, types against what TFLite can hold.
#pragma once

#include <onnx/onnx_pb.h>

#include <string>

#include "ir/graph.h"

namespace lq::frontend {

// Parses an ONNX model file; the error names the file when it is not one.
onnx::ModelProto read_onnx_model(const std::string& path);

// The TFLite element type of an ONNX TensorProto data type; fails naming `where` for types TFLite
// tensors cannot hold (string, complex, bfloat16 ...).
ElementType element_type_from_onnx(int32_t onnx_type, const std::string& where);

// A constant tensor (raw_data or the typed fields), named `name`.
ir::Tensor tensor_from_onnx(const onnx::TensorProto& proto, const std::string& where);

// "Conv 'conv1' (opset 13)": how errors name a node.
std::string describe_node(const onnx::NodeProto& node, int opset);

}  // namespace lq::frontend
