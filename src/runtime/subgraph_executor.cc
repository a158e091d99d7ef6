#include "runtime/subgraph_executor.h"

namespace lq::rt {

namespace {

// A dimension that is dynamic in the signature runs with the size the shape records (1 for a
// batch dimension written by TFLite's converter).
Shape runnable_shape(const ir::Tensor& tensor) {
  Shape shape = tensor.shape;
  for (int32_t& dim : shape)
    if (dim < 0) dim = 1;
  return shape;
}

}  // namespace

SubgraphExecutor::SubgraphExecutor(const ir::Model& model, int index,
                                   const InterpreterOptions& options, SubgraphRunner* runner)
    : graph_(model.subgraphs.at(static_cast<size_t>(index))), index_(index),
      plan_only_(options.plan_only) {
  tensors_.resize(graph_.tensors.size());
  storage_.resize(graph_.tensors.size());
  for (size_t i = 0; i < graph_.tensors.size(); ++i) {
    const ir::Tensor& t = graph_.tensors[i];
    TensorBuffer& buffer = tensors_[i];
    buffer.tensor = &t;
    buffer.type = t.type;
    buffer.shape = runnable_shape(t);
    if (t.is_constant()) {
      // Kernels never write their inputs, so constants are used in place.
      buffer.data = const_cast<uint8_t*>(t.data.data());
      buffer.bytes = t.data.size();
    } else if (num_elements(buffer.shape) == 0 && element_size(t.type) > 0) {
      allocate(static_cast<int>(i));  // an empty tensor (e.g. a [0] shape) is there without data
    }
  }
  if (!options.input_shapes.empty()) {
    LQ_CHECK(options.input_shapes.size() == graph_.inputs.size(), "subgraph ", index, " has ",
             graph_.inputs.size(), " inputs, but ", options.input_shapes.size(),
             " shapes were given");
    for (size_t i = 0; i < graph_.inputs.size(); ++i)
      resize_input(static_cast<int>(i), options.input_shapes[i]);
  }
  for (int32_t input : graph_.inputs) allocate(input);
  contexts_.reserve(graph_.ops.size());
  for (size_t i = 0; i < graph_.ops.size(); ++i) {
    const ir::Op& op = graph_.ops[i];
    kernels_.push_back(KernelRegistry::global().find(kernel_key(op, graph_, options.kind)));
    OpContext& context = contexts_.emplace_back(static_cast<int>(i), op, tensors_, runner,
                                                  options.arithmetic);
    LQ_CHECK(kernels_.back(), "subgraph ", index, ": ", context.where(), " has no kernel");
    for (int32_t input : op.inputs)
      if (input >= 0 && !tensors_[static_cast<size_t>(input)].data)
        context.fail("input tensor '", graph_.tensors[static_cast<size_t>(input)].name,
                     "' is neither constant nor computed by an earlier op");
    if (kernels_.back()->prepare) kernels_.back()->prepare(context);
    for (int32_t output : op.outputs)
      if (output >= 0) allocate(output);
  }
  for (int32_t output : graph_.outputs)
    LQ_CHECK(tensors_[static_cast<size_t>(output)].data, "subgraph ", index, " output '",
             graph_.tensors[static_cast<size_t>(output)].name, "' is never computed");
}

// An input may take another shape where its signature has -1, or where the model has no signature
// (TFLite's ResizeInputTensor allows both); the rank must stay.
void SubgraphExecutor::resize_input(int i, const Shape& shape) {
  TensorBuffer& buffer = input(i);
  const ir::Tensor& t = *buffer.tensor;
  LQ_CHECK(shape.size() == t.shape.size(), "input ", i, " ('", t.name, "') has shape ",
           shape_string(t.shape), "; cannot run it with shape ", shape_string(shape));
  for (size_t d = 0; d < shape.size(); ++d) {
    const bool fixed = !t.shape_signature.empty() && t.shape_signature[d] >= 0;
    LQ_CHECK(!fixed || shape[d] == t.shape[d], "input ", i, " ('", t.name,
             "') has fixed dimension ", d, " of size ", t.shape[d], ", got ", shape[d]);
  }
  buffer.shape = shape;
}

void SubgraphExecutor::allocate(int tensor_index) {
  TensorBuffer& buffer = tensor(tensor_index);
  const size_t size = element_size(buffer.type);
  LQ_CHECK(size > 0, "tensor '", buffer.name(), "' has element type ",
           element_type_name(buffer.type), ", which the interpreter cannot hold");
  if (plan_only_) {
    // Kernels read only constant data while preparing; a tensor needs an address, not memory.
    static uint8_t placeholder[16];
    buffer.data = placeholder;
    buffer.bytes = static_cast<size_t>(num_elements(buffer.shape)) * size;
    return;
  }
  std::vector<uint8_t>& bytes = storage_[static_cast<size_t>(tensor_index)];
  // At least one byte, so that an empty tensor still has an address and counts as computed.
  bytes.assign(std::max<size_t>(1, static_cast<size_t>(num_elements(buffer.shape)) * size), 0);
  buffer.data = bytes.data();
  buffer.bytes = static_cast<size_t>(num_elements(buffer.shape)) * size;
}

std::vector<Shape> SubgraphExecutor::input_shapes() {
  std::vector<Shape> shapes;
  for (size_t i = 0; i < graph_.inputs.size(); ++i) shapes.push_back(input(static_cast<int>(i)).shape);
  return shapes;
}

std::vector<Shape> SubgraphExecutor::output_shapes() {
  std::vector<Shape> shapes;
  for (size_t i = 0; i < graph_.outputs.size(); ++i) shapes.push_back(output(static_cast<int>(i)).shape);
  return shapes;
}

void SubgraphExecutor::invoke(const OpObserver& observer) {
  for (size_t i = 0; i < contexts_.size(); ++i) {
    kernels_[i]->eval(contexts_[i]);
    if (observer) observer(contexts_[i]);
  }
}

}  // namespace lq::rt
