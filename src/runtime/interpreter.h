// Runs a model: subgraph 0, and the subgraphs its control-flow ops call. Construction plans the run:
// it picks a kernel for every op (reporting every op without one at once), runs each kernel's
// prepare in order to fix output shapes, and allocates every activation. invoke() then runs the eval
// functions; an observer sees the run as it goes, in every subgraph (calibration, the per-layer
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

// Each op of one subgraph right after it ran (SubgraphExecutor's hook).
using OpObserver = std::function<void(const OpContext&)>;

// Sees a run as it goes. Both callbacks name the subgraph the values belong to: 0, or one that an
// IF, WHILE or CALL_ONCE runs, each time it runs (a WHILE body once per iteration); an op's
// tensor indices are that subgraph's.
struct RunObserver {
  // A subgraph's inputs as it starts, subgraph 0's included.
  std::function<void(int subgraph, const std::vector<const TensorBuffer*>& inputs)> inputs;
  // Each op's outputs, right after it ran.
  std::function<void(int subgraph, const OpContext& ctx)> op;
};

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
  // Runs subgraph 0 (and the subgraphs its ops call); the observer sees them all.
  void invoke(const RunObserver& observer = {});

  std::vector<Shape> plan_subgraph(int index, const std::vector<Shape>& input_shapes) override;
  void run_subgraph(int index, const std::vector<const TensorBuffer*>& inputs,
                    const std::vector<TensorBuffer*>& outputs) override;

 private:
  const ir::Model& model_;
  InterpreterOptions options_;
  std::unique_ptr<SubgraphExecutor> main_;
  std::map<int, std::unique_ptr<SubgraphExecutor>> called_;
  const RunObserver* observer_ = nullptr;  // set while invoke() runs
};

}  // namespace lq::rt
