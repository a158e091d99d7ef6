#include "runtime/interpreter.h"

#include <cstring>

namespace lq::rt {

namespace {

const ir::Subgraph& main_subgraph(const ir::Model& model) {
  LQ_CHECK(!model.subgraphs.empty(), "model has no subgraphs");
  return model.subgraphs[0];
}

// A dimension that is dynamic in the signature (-1) runs with the size the shape records (1 for a
// batch dimension written by TFLite's converter).
Shape runnable_shape(const ir::Tensor& tensor) {
  Shape shape = tensor.shape;
  for (int32_t& dim : shape)
    if (dim < 0) dim = 1;
  return shape;
}

}  // namespace

std::vector<UnsupportedOp> find_unsupported_ops(const ir::Model& model) {
  const ir::Subgraph& graph = main_subgraph(model);
  std::vector<UnsupportedOp> missing;
  for (size_t i = 0; i < graph.ops.size(); ++i) {
    const KernelKey key = kernel_key(graph.ops[i], graph, KernelKind::kReference);
    if (!KernelRegistry::global().find(key))
      missing.push_back({static_cast<int>(i), ir::op_name(graph.ops[i]), key.type});
  }
  return missing;
}

Interpreter::Interpreter(const ir::Model& model, InterpreterOptions options)
    : model_(model), graph_(main_subgraph(model)) {
  plan(options);
}

void Interpreter::plan(InterpreterOptions options) {
  const std::vector<UnsupportedOp> missing = find_unsupported_ops(model_);
  if (!missing.empty()) {
    std::string list;
    for (const UnsupportedOp& op : missing)
      list += cat(list.empty() ? "" : ", ", "op ", op.index, " ", op.name, " (",
                  element_type_name(op.type), ")");
    fail("no kernel for ", missing.size(), " op(s): ", list);
  }
  tensors_.resize(graph_.tensors.size());
  storage_.resize(graph_.tensors.size());
  for (size_t i = 0; i < graph_.tensors.size(); ++i) {
    const ir::Tensor& tensor = graph_.tensors[i];
    TensorBuffer& buffer = tensors_[i];
    buffer.tensor = &tensor;
    buffer.type = tensor.type;
    buffer.shape = runnable_shape(tensor);
    if (tensor.is_constant()) {
      // Kernels never write their inputs, so constants are used in place.
      buffer.data = const_cast<uint8_t*>(tensor.data.data());
      buffer.bytes = tensor.data.size();
    }
  }
  for (int32_t input : graph_.inputs) allocate(input);
  contexts_.reserve(graph_.ops.size());
  for (size_t i = 0; i < graph_.ops.size(); ++i) {
    const ir::Op& op = graph_.ops[i];
    kernels_.push_back(KernelRegistry::global().find(kernel_key(op, graph_, options.kind)));
    OpContext& context = contexts_.emplace_back(static_cast<int>(i), op, tensors_);
    for (int32_t input : op.inputs)
      if (input >= 0 && !tensors_[static_cast<size_t>(input)].data)
        context.fail("input tensor '", graph_.tensors[static_cast<size_t>(input)].name,
                     "' is neither constant nor computed by an earlier op");
    if (kernels_.back()->prepare) kernels_.back()->prepare(context);
    for (int32_t output : op.outputs)
      if (output >= 0) allocate(output);
  }
  for (int32_t output : graph_.outputs)
    LQ_CHECK(tensors_[static_cast<size_t>(output)].data, "model output '",
             graph_.tensors[static_cast<size_t>(output)].name, "' is never computed");
}

void Interpreter::allocate(int tensor_index) {
  TensorBuffer& buffer = tensors_[static_cast<size_t>(tensor_index)];
  const size_t size = element_size(buffer.type);
  LQ_CHECK(size > 0, "tensor '", buffer.name(), "' has element type ",
           element_type_name(buffer.type), ", which the interpreter cannot hold");
  std::vector<uint8_t>& bytes = storage_[static_cast<size_t>(tensor_index)];
  bytes.assign(static_cast<size_t>(num_elements(buffer.shape)) * size, 0);
  buffer.data = bytes.data();
  buffer.bytes = bytes.size();
}

void Interpreter::set_input(int i, const void* data, size_t bytes) {
  TensorBuffer& buffer = input(i);
  LQ_CHECK(bytes == buffer.bytes, "input ", i, " ('", buffer.name(), "') takes ", buffer.bytes,
           " bytes, got ", bytes);
  std::memcpy(buffer.data, data, bytes);
}

void Interpreter::invoke(const OpObserver& observer) {
  for (size_t i = 0; i < contexts_.size(); ++i) {
    kernels_[i]->eval(contexts_[i]);
    if (observer) observer(contexts_[i]);
  }
}

}  // namespace lq::rt
