#include "frontend/onnx/onnx_proto.h"

#include <cstring>
#include <limits>

#include "core/error.h"
#include "io/file.h"

namespace lq::frontend {

namespace {

using onnx::TensorProto_DataType;

Shape shape_from_onnx(const onnx::TensorProto& proto, const std::string& where) {
  Shape shape;
  int64_t count = 1;
  for (int64_t dim : proto.dims()) {
    LQ_CHECK(dim >= 0 && dim <= std::numeric_limits<int32_t>::max(), where, ": dimension ", dim,
             " is out of range");
    count *= dim;
    LQ_CHECK(count <= (int64_t{1} << 40), where, ": tensor has too many elements");
    shape.push_back(static_cast<int32_t>(dim));
  }
  return shape;
}

template <class To, class From>
std::vector<uint8_t> narrow_values(const google::protobuf::RepeatedField<From>& values) {
  std::vector<uint8_t> bytes(values.size() * sizeof(To));
  for (int i = 0; i < values.size(); ++i) {
    const To v = static_cast<To>(values.Get(i));
    std::memcpy(bytes.data() + static_cast<size_t>(i) * sizeof(To), &v, sizeof(To));
  }
  return bytes;
}

// The typed fields: int32_data also carries int8/uint8/int16/uint16/bool/float16 (as bit patterns).
std::vector<uint8_t> typed_field_bytes(const onnx::TensorProto& p, ElementType type) {
  switch (type) {
    case ElementType::kFloat32: return narrow_values<float>(p.float_data());
    case ElementType::kFloat64: return narrow_values<double>(p.double_data());
    case ElementType::kInt64: return narrow_values<int64_t>(p.int64_data());
    case ElementType::kUInt64: return narrow_values<uint64_t>(p.uint64_data());
    case ElementType::kUInt32: return narrow_values<uint32_t>(p.uint64_data());
    case ElementType::kInt32: return narrow_values<int32_t>(p.int32_data());
    case ElementType::kInt16: return narrow_values<int16_t>(p.int32_data());
    case ElementType::kUInt16:
    case ElementType::kFloat16: return narrow_values<uint16_t>(p.int32_data());
    case ElementType::kInt8: return narrow_values<int8_t>(p.int32_data());
    case ElementType::kUInt8: return narrow_values<uint8_t>(p.int32_data());
    case ElementType::kBool: return narrow_values<uint8_t>(p.int32_data());
    default: return {};
  }
}

}  // namespace

onnx::ModelProto read_onnx_model(const std::string& path) {
  const std::vector<uint8_t> bytes = io::read_file(path);
  LQ_CHECK(bytes.size() < (size_t{1} << 31), path, ": ONNX files over 2 GiB (external data) are not supported");
  onnx::ModelProto model;
  LQ_CHECK(model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())), path,
           ": not an ONNX model (protobuf parse failed)");
  LQ_CHECK(model.has_graph(), path, ": ONNX model has no graph");
  return model;
}

ElementType element_type_from_onnx(int32_t onnx_type, const std::string& where) {
  switch (onnx_type) {
    case TensorProto_DataType::TensorProto_DataType_FLOAT: return ElementType::kFloat32;
    case TensorProto_DataType::TensorProto_DataType_FLOAT16: return ElementType::kFloat16;
    case TensorProto_DataType::TensorProto_DataType_DOUBLE: return ElementType::kFloat64;
    case TensorProto_DataType::TensorProto_DataType_INT8: return ElementType::kInt8;
    case TensorProto_DataType::TensorProto_DataType_UINT8: return ElementType::kUInt8;
    case TensorProto_DataType::TensorProto_DataType_INT16: return ElementType::kInt16;
    case TensorProto_DataType::TensorProto_DataType_UINT16: return ElementType::kUInt16;
    case TensorProto_DataType::TensorProto_DataType_INT32: return ElementType::kInt32;
    case TensorProto_DataType::TensorProto_DataType_UINT32: return ElementType::kUInt32;
    case TensorProto_DataType::TensorProto_DataType_INT64: return ElementType::kInt64;
    case TensorProto_DataType::TensorProto_DataType_UINT64: return ElementType::kUInt64;
    case TensorProto_DataType::TensorProto_DataType_BOOL: return ElementType::kBool;
    default: break;
  }
  const char* name = onnx::TensorProto_DataType_IsValid(onnx_type)
                         ? onnx::TensorProto_DataType_Name(onnx_type).c_str()
                         : "unknown";
  fail(where, ": element type ", name, " (", onnx_type, ") has no TFLite equivalent");
}

ir::Tensor tensor_from_onnx(const onnx::TensorProto& proto, const std::string& where) {
  LQ_CHECK(proto.data_location() != onnx::TensorProto_DataLocation_EXTERNAL, where,
           ": tensor data in external files is not supported");
  ir::Tensor t;
  t.name = proto.name();
  t.type = element_type_from_onnx(proto.data_type(), where);
  t.shape = shape_from_onnx(proto, where);
  t.has_rank = true;
  const size_t bytes = static_cast<size_t>(num_elements(t.shape)) * element_size(t.type);
  if (proto.has_raw_data()) {
    LQ_CHECK(proto.raw_data().size() == bytes, where, ": raw data has ", proto.raw_data().size(),
             " bytes, shape ", shape_string(t.shape), " of ", element_type_name(t.type), " needs ", bytes);
    t.data.assign(proto.raw_data().begin(), proto.raw_data().end());
  } else {
    t.data = typed_field_bytes(proto, t.type);
    LQ_CHECK(t.data.size() == bytes, where, ": has ", t.data.size() / element_size(t.type),
             " values, shape ", shape_string(t.shape), " needs ", bytes / element_size(t.type));
  }
  return t;
}

std::string describe_node(const onnx::NodeProto& node, int opset) {
  return cat(node.op_type(), " '", node.name().empty() ? node.output_size() ? node.output(0) : "" : node.name(),
             "' (opset ", opset, ")");
}

}  // namespace lq::frontend
