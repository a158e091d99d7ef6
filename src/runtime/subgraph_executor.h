// Plans and runs one subgraph: the part of the interpreter that owns tensors and kernels.
#pragma once

#include <vector>

#include "runtime/interpreter.h"

namespace lq::rt {

class SubgraphExecutor {
 public:
  SubgraphExecutor(const ir::Model& model, int index, const InterpreterOptions& options,
                   SubgraphRunner* runner);

  const ir::Subgraph& graph() const { return graph_; }
  TensorBuffer& tensor(int index) { return tensors_.at(static_cast<size_t>(index)); }
  TensorBuffer& input(int i) { return tensor(graph_.inputs.at(static_cast<size_t>(i))); }
  TensorBuffer& output(int i) { return tensor(graph_.outputs.at(static_cast<size_t>(i))); }
  std::vector<Shape> input_shapes();
  std::vector<Shape> output_shapes();
  void invoke(const OpObserver& observer);

 private:
  void allocate(int tensor_index);
  void resize_input(int i, const Shape& shape);

  const ir::Subgraph& graph_;
  int index_;
  bool plan_only_;
  std::vector<TensorBuffer> tensors_;
  std::vector<std::vector<uint8_t>> storage_;  // one buffer per activation tensor
  std::vector<OpContext> contexts_;
  std::vector<const Kernel*> kernels_;
};

}  // namespace lq::rt
