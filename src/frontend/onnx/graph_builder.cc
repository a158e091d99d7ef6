#include "frontend/onnx/graph_builder.h"

#include <cstring>
#include <map>
#include <optional>

#include "core/error.h"
#include "frontend/onnx/onnx_import.h"
#include "runtime/interpreter.h"

namespace lq::frontend {

namespace {

// A model holding just `op` and copies of its input tensors, for planning (and running) it alone.
struct OneOpModel {
  ir::Model model;
  std::vector<int> outputs;  // output tensor indices in the one-op subgraph
};

OneOpModel one_op_model(const ir::Subgraph& g, const ir::Op& op, const std::set<int>& constants,
                        const std::vector<ElementType>& output_types) {
  OneOpModel m;
  ir::Subgraph& sg = m.model.subgraphs.emplace_back();
  ir::Op& copy = sg.ops.emplace_back(op);
  std::map<int, int> local;
  for (int32_t& input : copy.inputs) {
    if (input < 0) continue;
    auto [it, added] = local.emplace(input, static_cast<int>(sg.tensors.size()));
    if (added) {
      sg.tensors.push_back(g.tensors[static_cast<size_t>(input)]);
      if (!constants.count(input)) sg.inputs.push_back(it->second);
    }
    input = it->second;
  }
  copy.outputs.clear();
  for (ElementType type : output_types) {
    ir::Tensor& t = sg.tensors.emplace_back();
    t.type = type;
    t.name = cat("output", copy.outputs.size());
    copy.outputs.push_back(static_cast<int>(sg.tensors.size() - 1));
    sg.outputs.push_back(copy.outputs.back());
  }
  m.outputs = copy.outputs;
  return m;
}

// A folded constant is held in memory and written into the file: an op of constants whose result
// would be larger (a malformed or hostile model's ConstantOfShape, Tile, ...) is refused.
constexpr int64_t kMaxFoldedBytes = int64_t{1} << 28;

void check_fold_size(const rt::Interpreter& plan, const std::vector<int>& outputs) {
  int64_t bytes = 0;
  for (int output : outputs) bytes += static_cast<int64_t>(plan.tensor(output).bytes);
  LQ_CHECK(bytes <= kMaxFoldedBytes, "folding it into a constant would take ", bytes,
           " bytes (more than ", kMaxFoldedBytes, ")");
}

bool all_inputs_constant(const ir::Op& op, const std::set<int>& constants) {
  for (int32_t input : op.inputs)
    if (input >= 0 && !constants.count(input)) return false;
  return true;
}

}  // namespace

int GraphBuilder::add_tensor(ir::Tensor tensor) {
  graph().tensors.push_back(std::move(tensor));
  return num_tensors() - 1;
}

int GraphBuilder::add_input(const std::string& name, ElementType type, Shape shape, Shape signature) {
  ir::Tensor t;
  t.name = name;
  t.type = type;
  t.shape = std::move(shape);
  t.shape_signature = std::move(signature);
  t.has_rank = true;
  const int index = add_tensor(std::move(t));
  graph().inputs.push_back(index);
  return index;
}

int GraphBuilder::add_constant(ir::Tensor tensor) {
  tensor.has_rank = true;
  const int index = add_tensor(std::move(tensor));
  constants_.insert(index);
  return index;
}

std::vector<int> GraphBuilder::add_op(tflite::BuiltinOperator code, std::vector<int> inputs,
                                      tflite::BuiltinOptionsUnion options,
                                      std::vector<ElementType> output_types,
                                      const std::string& name) {
  ir::Op op;
  op.builtin = code;
  op.inputs = std::move(inputs);
  op.options = std::move(options);
  for (int32_t input : op.inputs)
    LQ_CHECK(input < num_tensors(), "internal: ", ir::op_name(op), " reads tensor ", input,
             " that does not exist");
  OneOpModel m = one_op_model(graph(), op, constants_, output_types);
  // A type without a kernel is a variant litequant cannot run, not a malformed model.
  const std::vector<rt::UnsupportedOp> missing = rt::find_unsupported_ops(m.model);
  if (!missing.empty())
    throw UnsupportedVariant(cat("litequant has no ", ir::op_name(op), " kernel for ",
                                 element_type_name(missing[0].type), " inputs"));
  const bool fold = all_inputs_constant(op, constants_);
  rt::InterpreterOptions plan_options;
  plan_options.plan_only = true;
  const rt::Interpreter plan(m.model, plan_options);  // checks the op and gives its output shapes
  std::optional<rt::Interpreter> run;
  if (fold) {
    check_fold_size(plan, m.outputs);
    run.emplace(m.model);
    run->invoke();
  }
  const rt::Interpreter& interpreter = fold ? *run : plan;
  std::vector<int> outputs;
  for (size_t i = 0; i < output_types.size(); ++i) {
    const rt::TensorBuffer& out = interpreter.tensor(m.outputs[i]);
    ir::Tensor t;
    t.name = i == 0 ? name : cat(name, ":", i);
    t.type = output_types[i];
    t.shape = out.shape;
    t.has_rank = true;
    if (fold) {
      t.data.assign(out.data, out.data + out.bytes);
      outputs.push_back(add_constant(std::move(t)));
    } else {
      outputs.push_back(add_tensor(std::move(t)));
    }
  }
  if (!fold) {
    op.outputs = outputs;
    graph().ops.push_back(std::move(op));
  }
  return outputs;
}

std::vector<int> GraphBuilder::add_op_with_shapes(ir::Op op, const std::vector<ir::Tensor>& outputs) {
  op.outputs.clear();
  for (const ir::Tensor& t : outputs) op.outputs.push_back(add_tensor(t));
  graph().ops.push_back(op);
  return {op.outputs.begin(), op.outputs.end()};
}

}  // namespace lq::frontend
