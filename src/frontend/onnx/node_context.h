// What an ONNX op translator sees: the node (inputs, attributes, outputs) and a GraphBuilder to add
// TFLite ops to. Translators are registered by ONNX op type (LQ_REGISTER_ONNX_OP) and bind each
// ONNX output to the tensor that computes it; inputs are still in ONNX's layout (NCHW).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "frontend/onnx/graph_builder.h"
#include "frontend/onnx/onnx_import.h"
#include "frontend/onnx/onnx_proto.h"

namespace lq::frontend {

class GraphImporter;
using ValueMap = std::map<std::string, int>;  // ONNX value name -> tensor index

class NodeContext {
 public:
  NodeContext(const onnx::NodeProto& node, int opset, GraphBuilder& builder, ValueMap& values,
              GraphImporter& importer)
      : node_(node), opset_(opset), b_(builder), values_(values), importer_(importer),
        first_new_tensor_(builder.num_tensors()) {}

  const onnx::NodeProto& node() const { return node_; }
  int opset() const { return opset_; }
  GraphBuilder& builder() { return b_; }
  GraphImporter& importer() { return importer_; }
  const ValueMap& values() const { return values_; }
  std::string describe() const { return describe_node(node_, opset_); }

  // Inputs; an input with an empty name is absent (ONNX's optional inputs).
  int num_inputs() const { return node_.input_size(); }
  bool has_input(int i) const { return i < num_inputs() && !node_.input(i).empty(); }
  int input(int i) const;
  const ir::Tensor& input_tensor(int i) const { return b_.tensor(input(i)); }
  // By value: adding tensors (every op added) moves the subgraph's tensors.
  Shape input_shape(int i) const { return input_tensor(i).shape; }
  int input_rank(int i) const { return static_cast<int>(input_shape(i).size()); }
  ElementType input_type(int i) const { return input_tensor(i).type; }
  // An unsupported variant unless input i is float32. Most type checks are left to the kernel
  // lookup of each added op; this one is for ops whose builtins would take another type with
  // another meaning, or that emit ops of other types before the float-only one.
  void require_float(int i) const;
  bool input_is_constant(int i) const { return b_.is_constant(input(i)); }
  // A constant input's values converted to int64 / float; fails if the input is not constant.
  std::vector<int64_t> constant_ints(int i) const;
  std::vector<float> constant_floats(int i) const;

  // Attributes.
  const onnx::AttributeProto* attr(const std::string& name) const;
  bool has_attr(const std::string& name) const { return attr(name) != nullptr; }
  int64_t attr_int(const std::string& name, int64_t fallback) const;
  float attr_float(const std::string& name, float fallback) const;
  std::string attr_string(const std::string& name, const std::string& fallback) const;
  std::vector<int64_t> attr_ints(const std::string& name, std::vector<int64_t> fallback = {}) const;
  std::vector<float> attr_floats(const std::string& name, std::vector<float> fallback = {}) const;
  // An axis attribute or input of a tensor of rank `rank`: negative counts from the end; fails
  // when out of range.
  int axis(int64_t value, int rank) const;

  // Outputs; set_output binds ONNX output i to a tensor (which takes the ONNX name if this node made it).
  int num_outputs() const { return node_.output_size(); }
  bool has_output(int i) const { return i < num_outputs() && !node_.output(i).empty(); }
  std::string output_name(int i = 0) const;
  void set_output(int i, int tensor);

  // Adding ops; names derive from the node's first output. An op litequant has no kernel for is an
  // unsupported variant of the node.
  // One op, one output: of `type`, or of the first input's type when not given.
  int op(tflite::BuiltinOperator code, std::vector<int> inputs,
         tflite::BuiltinOptionsUnion options = {}, std::optional<ElementType> type = std::nullopt,
         const std::string& suffix = "");
  // One op with an output of each of `types`; returns the output tensors.
  std::vector<int> op_with_outputs(tflite::BuiltinOperator code, std::vector<int> inputs,
                                   tflite::BuiltinOptionsUnion options, std::vector<ElementType> types,
                                   const std::string& suffix);
  template <class T> int constant(const std::string& suffix, Shape shape, const std::vector<T>& values) {
    return b_.add_constant(cat(output_name(), "/", suffix), std::move(shape), values);
  }
  // A float32 scalar constant.
  int scalar(const std::string& suffix, float value) {
    return constant(suffix, {}, std::vector<float>{value});
  }
  // A 1-D int32 constant: TFLite's shape, axes, indices and paddings inputs.
  int int32_vector(const std::string& suffix, const std::vector<int32_t>& values);
  int transpose(int tensor, const std::vector<int>& perm, const std::string& suffix);
  int reshape(int tensor, const Shape& shape, const std::string& suffix);
  // GATHER along `axis` at constant `indices`.
  int gather(int tensor, int axis, const std::vector<int32_t>& indices, const std::string& suffix);
  // A reduction (MEAN, SUM, REDUCE_MAX, ...) over constant `axes`.
  int reduce(tflite::BuiltinOperator code, int tensor, const std::vector<int32_t>& axes,
             bool keep_dims, const std::string& suffix = "");

  template <class... Args> [[noreturn]] void unsupported(Args&&... args) const {
    throw UnsupportedVariant(cat(describe(), ": unsupported variant: ", std::forward<Args>(args)...));
  }
  template <class... Args> [[noreturn]] void fail(Args&&... args) const {
    ::lq::fail(describe(), ": ", std::forward<Args>(args)...);
  }
  template <class... Args> void check(bool cond, Args&&... args) const {
    if (!cond) fail(std::forward<Args>(args)...);
  }

 private:
  const onnx::NodeProto& node_;
  int opset_;
  GraphBuilder& b_;
  ValueMap& values_;
  GraphImporter& importer_;
  int first_new_tensor_;
};

using Translator = std::function<void(NodeContext&)>;

// Translators by ONNX op type (default domain).
const Translator* find_translator(const std::string& op_type);
bool register_translator(const std::string& op_type, Translator translator);

#define LQ_ONNX_CONCAT2(a, b) a##b
#define LQ_ONNX_CONCAT(a, b) LQ_ONNX_CONCAT2(a, b)
#define LQ_REGISTER_ONNX_OP(op_type, fn)                                  \
  [[maybe_unused]] static const bool LQ_ONNX_CONCAT(lq_onnx_registered_, __LINE__) = \
      ::lq::frontend::register_translator(op_type, fn)
// One translator for several op types, told apart by extra arguments:
// LQ_REGISTER_ONNX_OP_WITH("Relu", translate_unary, BuiltinOperator::RELU) registers
// [](NodeContext& ctx) { translate_unary(ctx, BuiltinOperator::RELU); }.
#define LQ_REGISTER_ONNX_OP_WITH(op_type, fn, ...) \
  LQ_REGISTER_ONNX_OP(op_type, [](::lq::frontend::NodeContext& ctx) { fn(ctx, __VA_ARGS__); })

// Translates ONNX graphs into subgraphs: the main graph, and the branches of If (which capture
// values of the enclosing graph).
class GraphImporter {
 public:
  GraphImporter(ir::Model& model, int opset) : model_(model), opset_(opset) {}
  ir::Model& model() { return model_; }
  int opset() const { return opset_; }
  // Translates `graph`'s nodes into `builder`'s subgraph; `values` holds the inputs, constants and
  // captured values, and receives every value the nodes compute.
  void translate_nodes(const onnx::GraphProto& graph, GraphBuilder& builder, ValueMap& values);

 private:
  ir::Model& model_;
  int opset_;
};

}  // namespace lq::frontend
