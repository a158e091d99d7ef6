// If: TFLite's IF with one subgraph per branch. ONNX branches read values of the enclosing graph
// by name; TFLite subgraphs only see their inputs, so captured activations become IF operands
// (inputs of both branch subgraphs, in one order) and captured constants are copied into the
// branch that reads them.
#include <set>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

// Names a graph reads but does not define (recursing into nested branches).
void free_values(const onnx::GraphProto& graph, std::set<std::string>& defined,
                 std::vector<std::string>& out) {
  for (const onnx::TensorProto& init : graph.initializer()) defined.insert(init.name());
  for (const onnx::NodeProto& node : graph.node()) {
    for (const std::string& input : node.input())
      if (!input.empty() && !defined.count(input) &&
          std::find(out.begin(), out.end(), input) == out.end())
        out.push_back(input);
    for (const onnx::AttributeProto& a : node.attribute())
      if (a.has_g()) {
        std::set<std::string> inner = defined;
        free_values(a.g(), inner, out);
      }
    for (const std::string& output : node.output()) defined.insert(output);
  }
  for (const onnx::ValueInfoProto& output : graph.output())
    if (!defined.count(output.name()) && std::find(out.begin(), out.end(), output.name()) == out.end())
      out.push_back(output.name());
}

struct Captures {
  std::vector<std::string> operands;   // activations passed to IF, in order
  std::vector<std::string> constants;  // copied into the branches
};

Captures captures(NodeContext& ctx, const onnx::GraphProto& then_g, const onnx::GraphProto& else_g) {
  std::vector<std::string> names;
  for (const onnx::GraphProto* g : {&then_g, &else_g}) {
    std::set<std::string> defined;
    free_values(*g, defined, names);
  }
  Captures c;
  for (const std::string& name : names) {
    auto it = ctx.values().find(name);
    ctx.check(it != ctx.values().end(), "a branch reads '", name, "', which is not computed before the If");
    (ctx.builder().is_constant(it->second) ? c.constants : c.operands).push_back(name);
  }
  return c;
}

// Translates one branch into a new subgraph; returns its index.
int translate_branch(NodeContext& ctx, const onnx::GraphProto& branch, const Captures& c) {
  ir::Model& model = ctx.builder().model();
  const int index = static_cast<int>(model.subgraphs.size());
  model.subgraphs.emplace_back().name = cat(ctx.output_name(), "/", branch.name().empty() ? "branch" : branch.name());
  GraphBuilder b(model, index);
  ValueMap values;
  for (const std::string& name : c.operands) {
    const ir::Tensor& outer = ctx.builder().tensor(ctx.values().at(name));
    values[name] = b.add_input(name, outer.type, outer.shape);
  }
  for (const std::string& name : c.constants) values[name] = b.add_constant(ctx.builder().tensor(ctx.values().at(name)));
  ctx.importer().translate_nodes(branch, b, values);
  for (const onnx::ValueInfoProto& output : branch.output()) {
    auto it = values.find(output.name());
    ctx.check(it != values.end(), "branch output '", output.name(), "' is not computed");
    b.mark_output(it->second);
  }
  return index;
}

void translate_if(NodeContext& ctx) {
  const onnx::AttributeProto* then_attr = ctx.attr("then_branch");
  const onnx::AttributeProto* else_attr = ctx.attr("else_branch");
  ctx.check(then_attr && else_attr && then_attr->has_g() && else_attr->has_g(), "needs then_branch and else_branch graphs");
  ctx.check(num_elements(ctx.input_shape(0)) == 1 && ctx.input_type(0) == ElementType::kBool,
            "the condition must be one bool, got ", element_type_name(ctx.input_type(0)), " ",
            shape_string(ctx.input_shape(0)));
  const Captures c = captures(ctx, then_attr->g(), else_attr->g());
  tflite::IfOptionsT options;
  options.then_subgraph_index = translate_branch(ctx, then_attr->g(), c);
  options.else_subgraph_index = translate_branch(ctx, else_attr->g(), c);
  const ir::Model& model = ctx.builder().model();
  const ir::Subgraph& then_g = model.subgraphs[static_cast<size_t>(options.then_subgraph_index)];
  const ir::Subgraph& else_g = model.subgraphs[static_cast<size_t>(options.else_subgraph_index)];
  ctx.check(then_g.outputs.size() == static_cast<size_t>(ctx.num_outputs()) &&
            else_g.outputs.size() == then_g.outputs.size(), "branches must have one output per If output");
  std::vector<ir::Tensor> outputs;
  for (size_t i = 0; i < then_g.outputs.size(); ++i) {
    const ir::Tensor& t = then_g.tensors[static_cast<size_t>(then_g.outputs[i])];
    const ir::Tensor& e = else_g.tensors[static_cast<size_t>(else_g.outputs[i])];
    if (t.shape != e.shape || t.type != e.type)
      ctx.unsupported("branches with different output shapes or types (", shape_string(t.shape), " vs ",
                      shape_string(e.shape), ")");
    ir::Tensor& out = outputs.emplace_back();
    out.name = ctx.output_name(static_cast<int>(i));
    out.type = t.type;
    out.shape = t.shape;
    out.has_rank = true;
  }
  ir::Op op;
  op.builtin = tflite::BuiltinOperator::IF;
  op.inputs.push_back(ctx.input(0));
  for (const std::string& name : c.operands) op.inputs.push_back(ctx.values().at(name));
  op.options.Set(std::move(options));
  const std::vector<int> results = ctx.builder().add_op_with_shapes(std::move(op), outputs);
  for (size_t i = 0; i < results.size(); ++i) ctx.set_output(static_cast<int>(i), results[i]);
}

LQ_REGISTER_ONNX_OP("If", translate_if);

}  // namespace
}  // namespace lq::frontend
