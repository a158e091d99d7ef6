// Runs subgraph 0 of a model. Construction plans the run: it picks a kernel for every op (reporting
// every op without one at once), runs each kernel's prepare in order to fix output shapes, and
// allocates every activation. invoke() then runs the eval functions; an observer sees each op's
// outputs right after it ran (calibration, the per-layer debugger and sensitivity analysis hook in
// here).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ir/graph.h"
#include "kernels/kernel_registry.h"
#include "kernels/op_context.h"

namespace lq::rt {

struct InterpreterOptions {
  KernelKind kind = KernelKind::kReference;
  int threads = 1;
};

struct UnsupportedOp {
  int index;
  std::string name;
  ElementType type;
};

// Ops of subgraph 0 that have no kernel of any kind.
std::vector<UnsupportedOp> find_unsupported_ops(const ir::Model& model);

using OpObserver = std::function<void(const OpContext&)>;

class Interpreter {
 public:
  explicit Interpreter(const ir::Model& model, InterpreterOptions options = {});
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  int num_inputs() const { return static_cast<int>(graph_.inputs.size()); }
  int num_outputs() const { return static_cast<int>(graph_.outputs.size()); }
  TensorBuffer& input(int i) { return tensors_[static_cast<size_t>(graph_.inputs.at(i))]; }
  const TensorBuffer& output(int i) const {
    return tensors_[static_cast<size_t>(graph_.outputs.at(i))];
  }
  const TensorBuffer& tensor(int index) const { return tensors_.at(static_cast<size_t>(index)); }
  const ir::Subgraph& graph() const { return graph_; }

  // Copies bytes into input i; the byte count must equal the input's.
  void set_input(int i, const void* data, size_t bytes);
  void invoke(const OpObserver& observer = nullptr);

 private:
  void plan(InterpreterOptions options);
  void allocate(int tensor_index);

  const ir::Model& model_;
  const ir::Subgraph& graph_;
  std::vector<TensorBuffer> tensors_;
  std::vector<std::vector<uint8_t>> storage_;  // one buffer per activation tensor
  std::vector<OpContext> contexts_;
  std::vector<const Kernel*> kernels_;
};

}  // namespace lq::rt
