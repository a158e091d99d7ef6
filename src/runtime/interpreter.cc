#include "runtime/interpreter.h"

#include <cstring>
#include <set>

#include "ir/control_flow.h"
#include "runtime/subgraph_executor.h"

namespace lq::rt {

namespace {

// Runs subgraph `index` through its executor, telling the observer (if any) its inputs and ops.
void run_observed(SubgraphExecutor& executor, int index, const RunObserver* observer) {
  if (observer && observer->inputs) {
    std::vector<const TensorBuffer*> inputs;
    for (size_t i = 0; i < executor.graph().inputs.size(); ++i)
      inputs.push_back(&executor.input(static_cast<int>(i)));
    observer->inputs(index, inputs);
  }
  if (observer && observer->op)
    executor.invoke([&](const OpContext& ctx) { observer->op(index, ctx); });
  else
    executor.invoke(nullptr);
}

}  // namespace

std::vector<UnsupportedOp> find_unsupported_ops(const ir::Model& model) {
  LQ_CHECK(!model.subgraphs.empty(), "model has no subgraphs");
  std::vector<UnsupportedOp> missing;
  std::set<int32_t> seen{0};
  std::vector<int32_t> pending{0};
  while (!pending.empty()) {
    const int32_t index = pending.back();
    pending.pop_back();
    const ir::Subgraph& graph = model.subgraphs[static_cast<size_t>(index)];
    for (size_t i = 0; i < graph.ops.size(); ++i) {
      const ir::Op& op = graph.ops[i];
      const KernelKey key = kernel_key(op, graph, KernelKind::kReference);
      if (!KernelRegistry::global().find(key))
        missing.push_back({index, static_cast<int>(i), ir::op_name(op), key.type});
      for (int32_t callee : ir::called_subgraphs(op)) {
        LQ_CHECK(callee >= 0 && static_cast<size_t>(callee) < model.subgraphs.size(), "subgraph ",
                 index, " op ", i, " (", ir::op_name(op), ") calls subgraph ", callee,
                 ", but the model has ", model.subgraphs.size());
        if (seen.insert(callee).second) pending.push_back(callee);
      }
    }
  }
  return missing;
}

Interpreter::Interpreter(const ir::Model& model, InterpreterOptions options)
    : model_(model), options_(std::move(options)) {
  const std::vector<UnsupportedOp> missing = find_unsupported_ops(model_);
  if (!missing.empty()) {
    std::string list;
    for (const UnsupportedOp& op : missing)
      list += cat(list.empty() ? "" : ", ", op.subgraph ? cat("subgraph ", op.subgraph, " ") : "",
                  "op ", op.index, " ", op.name, " (", element_type_name(op.type), ")");
    fail("no kernel for ", missing.size(), " op(s): ", list);
  }
  main_ = std::make_unique<SubgraphExecutor>(model_, 0, options_, this);
}

Interpreter::~Interpreter() = default;

int Interpreter::num_inputs() const { return static_cast<int>(graph().inputs.size()); }
int Interpreter::num_outputs() const { return static_cast<int>(graph().outputs.size()); }
TensorBuffer& Interpreter::input(int i) { return main_->input(i); }
const TensorBuffer& Interpreter::output(int i) const { return main_->output(i); }
const TensorBuffer& Interpreter::tensor(int index) const { return main_->tensor(index); }

void Interpreter::set_input(int i, const void* data, size_t bytes) {
  TensorBuffer& buffer = input(i);
  LQ_CHECK(bytes == buffer.bytes, "input ", i, " ('", buffer.name(), "') takes ", buffer.bytes,
           " bytes, got ", bytes);
  if (bytes > 0) std::memcpy(buffer.data, data, bytes);  // an empty input may come as a null pointer
}

void Interpreter::invoke(const RunObserver& observer) {
  LQ_CHECK(!options_.plan_only, "internal: invoke() on an interpreter made with plan_only");
  // Called subgraphs run from inside subgraph 0's kernels (run_subgraph), so the observer is
  // kept here for the length of the run, and dropped even when a kernel throws.
  struct Keep {
    const RunObserver*& slot;
    ~Keep() { slot = nullptr; }
  } keep{observer_};
  observer_ = &observer;
  run_observed(*main_, 0, observer_);
}

std::vector<Shape> Interpreter::plan_subgraph(int index, const std::vector<Shape>& input_shapes) {
  LQ_CHECK(index > 0 && static_cast<size_t>(index) < model_.subgraphs.size(), "subgraph ", index,
           " cannot be called");
  auto& executor = called_[index];
  if (!executor || executor->input_shapes() != input_shapes) {
    InterpreterOptions options = options_;
    options.input_shapes = input_shapes;
    executor = std::make_unique<SubgraphExecutor>(model_, index, options, this);
  }
  return executor->output_shapes();
}

void Interpreter::run_subgraph(int index, const std::vector<const TensorBuffer*>& inputs,
                               const std::vector<TensorBuffer*>& outputs) {
  std::vector<Shape> shapes;
  for (const TensorBuffer* in : inputs) shapes.push_back(in->shape);
  plan_subgraph(index, shapes);
  SubgraphExecutor& executor = *called_[index];
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorBuffer& to = executor.input(static_cast<int>(i));
    LQ_CHECK(to.type == inputs[i]->type && to.bytes == inputs[i]->bytes, "subgraph ", index,
             " input ", i, " does not match the caller's tensor '", inputs[i]->name(), "'");
    std::memcpy(to.data, inputs[i]->data, to.bytes);
  }
  run_observed(executor, index, observer_);
  for (size_t i = 0; i < outputs.size(); ++i) {
    const TensorBuffer& from = executor.output(static_cast<int>(i));
    LQ_CHECK(from.bytes == outputs[i]->bytes, "subgraph ", index, " output ", i,
             " does not fit the caller's tensor '", outputs[i]->name(), "'");
    std::memcpy(outputs[i]->data, from.data, from.bytes);
  }
}

}  // namespace lq::rt
