// Runs a model: subgraph 0, and the subgraphs its control-flow ops call. Construction plans the run:
// it picks a kernel for every op (reporting every op without one at once), runs each kernel's
// prepare in order to fix output shapes, and allocates every activation. invoke() then runs the eval
// functions; an observer sees each op's outputs right after it ran (calibration, the per-layer
// debugger and sensitivity analysis hook in here).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "arith/arithmetic.h"
#include "ir/graph.h"
#include "kernels/kernel_registry.h"
#include "kernels/op_context.h"
#include "kernels/subgraph_runner.h"

namespace lq::rt {

struct InterpreterOptions {
  KernelKind kind = KernelKind::kReference;
  int threads = 1;
  // Shapes for the model's inputs, e.g. a batch size for a dynamic batch dimension; empty: the
  // shapes the model records.
  std::vector<Shape> input_shapes;
  // Plan only: prepare every op (output shapes) without memory for activations; invoke() is
  // refused. The ONNX importer's shape inference plans this way.
  bool plan_only = false;
  // Integer arithmetic of the quantized kernels: LiteRT.js's by default, or TFLite's reference.
  arith::Arithmetic arithmetic = arith::Arithmetic::kRuntime;
};

struct UnsupportedOp {
  int subgraph;
  int index;
  std::string name;
  ElementType type;
};

// Ops without a kernel of any kind, in subgraph 0 and the subgraphs it calls.
std::vector<UnsupportedOp> find_unsupported_ops(const ir::Model& model);

using OpObserver = std::function<void(const OpContext&)>;

class SubgraphExecutor;

class Interpreter : public SubgraphRunner {
 public:
  explicit Interpreter(const ir::Model& model, InterpreterOptions options = {});
  ~Interpreter() override;
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  int num_inputs() const;
  int num_outputs() const;
  TensorBuffer& input(int i);
  const TensorBuffer& output(int i) const;
  const TensorBuffer& tensor(int index) const;
  const ir::Subgraph& graph() const { return model_.subgraphs[0]; }

  // Copies bytes into input i; the byte count must equal the input's.
  void set_input(int i, const void* data, size_t bytes);
  // Runs subgraph 0; the observer sees its ops (not those of called subgraphs).
  void invoke(const OpObserver& observer = nullptr);

  std::vector<Shape> plan_subgraph(int index, const std::vector<Shape>& input_shapes) override;
  void run_subgraph(int index, const std::vector<const TensorBuffer*>& inputs,
                    const std::vector<TensorBuffer*>& outputs) override;

 private:
  const ir::Model& model_;
  InterpreterOptions options_;
  std::unique_ptr<SubgraphExecutor> main_;
  std::map<int, std::unique_ptr<SubgraphExecutor>> called_;
};

}  // namespace lq::rt
