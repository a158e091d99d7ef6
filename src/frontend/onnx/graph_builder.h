// Builds one IR subgraph op by op while translating ONNX nodes. Every op is planned on its own with
// the interpreter's kernels as soon as it is added: their prepare() gives the output shapes (the
// shape inference of the importer), and an op whose inputs are all constant is run right away and
// becomes a constant tensor (constant folding: Shape/Gather/Concat/Cast chains, weight transposes).
// So the importer infers exactly the shapes the interpreter will run with.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "ir/graph.h"

namespace lq::frontend {

class GraphBuilder {
 public:
  GraphBuilder(ir::Model& model, int subgraph) : model_(model), index_(subgraph) {}

  ir::Subgraph& graph() { return model_.subgraphs[static_cast<size_t>(index_)]; }
  ir::Model& model() { return model_; }
  const ir::Tensor& tensor(int index) { return graph().tensors.at(static_cast<size_t>(index)); }
  bool is_constant(int index) const { return constants_.count(index) > 0; }
  int num_tensors() { return static_cast<int>(graph().tensors.size()); }

  // A subgraph input. `signature` may mark dynamic dimensions with -1 (empty: none).
  int add_input(const std::string& name, ElementType type, Shape shape, Shape signature = {});
  int add_constant(ir::Tensor tensor);
  template <class T> int add_constant(const std::string& name, Shape shape, const std::vector<T>& values);

  // Adds op `code` reading `inputs` (-1: an absent optional input) and writing new tensors of
  // `output_types`, named `name`, `name:1`, ...; folded into constants when every input is constant.
  // Returns the output tensor indices. Throws UnsupportedVariant when litequant has no kernel for
  // the op and its input type.
  std::vector<int> add_op(tflite::BuiltinOperator code, std::vector<int> inputs,
                          tflite::BuiltinOptionsUnion options, std::vector<ElementType> output_types,
                          const std::string& name);
  // An op whose output shapes the caller knows (control flow); never folded.
  std::vector<int> add_op_with_shapes(ir::Op op, const std::vector<ir::Tensor>& outputs);

  void mark_output(int index) { graph().outputs.push_back(index); }

 private:
  int add_tensor(ir::Tensor tensor);

  ir::Model& model_;
  int index_;
  std::set<int> constants_;  // constant tensors, including those with no elements
};

template <class T>
int GraphBuilder::add_constant(const std::string& name, Shape shape, const std::vector<T>& values) {
  ir::Tensor t;
  t.name = name;
  t.type = element_type_of<T>();
  t.shape = std::move(shape);
  t.has_rank = true;
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  t.data.assign(bytes, bytes + values.size() * sizeof(T));
  return add_constant(std::move(t));
}

// The options union holding `options` (tflite::Conv2DOptionsT, ...).
template <class OptionsT> tflite::BuiltinOptionsUnion make_options(OptionsT options) {
  tflite::BuiltinOptionsUnion u;
  u.Set(std::move(options));
  return u;
}

}  // namespace lq::frontend
