// Builds small ONNX models in memory (with Debian's ONNX protobuf classes) and saves them, for the
// importer's tests.
#pragma once

#include <onnx/onnx_pb.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <variant>
#include <vector>

namespace lq::testing {

// A dimension: a size, or a name for a dynamic one.
using OnnxDim = std::variant<int64_t, std::string>;
using OnnxAttr = std::variant<int64_t, float, std::vector<int64_t>, std::vector<float>, std::string>;

class OnnxBuilder {
 public:
  explicit OnnxBuilder(int64_t opset = 13) {
    model_.set_ir_version(8);
    model_.set_producer_name("litequant-test");
    auto* id = model_.add_opset_import();
    id->set_domain("");
    id->set_version(opset);
  }

  void input(const std::string& name, const std::vector<OnnxDim>& dims,
             int32_t type = onnx::TensorProto_DataType_FLOAT) {
    value_info(graph().add_input(), name, dims, type);
  }
  void output(const std::string& name) { graph().add_output()->set_name(name); }

  void initializer(const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& values) {
    onnx::TensorProto* t = graph().add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto_DataType_FLOAT);
    for (int64_t d : dims) t->add_dims(d);
    for (float v : values) t->add_float_data(v);
  }

  onnx::NodeProto& node(const std::string& op, const std::vector<std::string>& inputs,
                        const std::vector<std::string>& outputs,
                        const std::vector<std::pair<std::string, OnnxAttr>>& attrs = {}) {
    onnx::NodeProto* n = graph().add_node();
    n->set_op_type(op);
    n->set_name(outputs.empty() ? op : outputs[0]);
    for (const auto& i : inputs) n->add_input(i);
    for (const auto& o : outputs) n->add_output(o);
    for (const auto& [name, value] : attrs) attribute(n->add_attribute(), name, value);
    return *n;
  }

  std::string save(const std::string& file) const {
    const auto path = std::filesystem::temp_directory_path() / file;
    std::ofstream out(path, std::ios::binary);
    model_.SerializeToOstream(&out);
    return path.string();
  }

  onnx::ModelProto& model() { return model_; }
  onnx::GraphProto& graph() { return *model_.mutable_graph(); }

 private:
  static void value_info(onnx::ValueInfoProto* v, const std::string& name, const std::vector<OnnxDim>& dims,
                         int32_t type) {
    v->set_name(name);
    auto* tensor = v->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(type);
    auto* shape = tensor->mutable_shape();
    for (const OnnxDim& d : dims) {
      auto* dim = shape->add_dim();
      if (std::holds_alternative<int64_t>(d)) dim->set_dim_value(std::get<int64_t>(d));
      else dim->set_dim_param(std::get<std::string>(d));
    }
  }

  static void attribute(onnx::AttributeProto* a, const std::string& name, const OnnxAttr& value) {
    a->set_name(name);
    if (const auto* i = std::get_if<int64_t>(&value)) {
      a->set_type(onnx::AttributeProto_AttributeType_INT);
      a->set_i(*i);
    } else if (const auto* f = std::get_if<float>(&value)) {
      a->set_type(onnx::AttributeProto_AttributeType_FLOAT);
      a->set_f(*f);
    } else if (const auto* is = std::get_if<std::vector<int64_t>>(&value)) {
      a->set_type(onnx::AttributeProto_AttributeType_INTS);
      for (int64_t v : *is) a->add_ints(v);
    } else if (const auto* fs = std::get_if<std::vector<float>>(&value)) {
      a->set_type(onnx::AttributeProto_AttributeType_FLOATS);
      for (float v : *fs) a->add_floats(v);
    } else {
      a->set_type(onnx::AttributeProto_AttributeType_STRING);
      a->set_s(std::get<std::string>(value));
    }
  }

  onnx::ModelProto model_;
};

}  // namespace lq::testing
