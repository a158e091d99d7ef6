#include "frontend/onnx/onnx_import.h"

#include <set>

#include "frontend/onnx/node_context.h"
#include "ir/passes.h"
#include "runtime/interpreter.h"

namespace lq::frontend {

namespace {

constexpr int kMinOpset = 9;
constexpr int kMaxOpset = 17;  // the newest opset Debian's ONNX 1.12 knows

int default_domain_opset(const onnx::ModelProto& model, const std::string& source) {
  for (const onnx::OperatorSetIdProto& id : model.opset_import())
    if (id.domain().empty() || id.domain() == "ai.onnx") {
      const int64_t version = id.version();
      if (version < kMinOpset || version > kMaxOpset)
        throw UnsupportedVariant(cat(source, ": opset ", version, "; litequant imports opsets ",
                                     kMinOpset, " to ", kMaxOpset));
      return static_cast<int>(version);
    }
  fail(source, ": the model imports no opset of the default ONNX domain");
}

// Every node (also inside If branches) whose op has no translator, listed in one error.
void collect_unsupported(const onnx::GraphProto& graph, int opset, std::vector<std::string>& out) {
  for (const onnx::NodeProto& node : graph.node()) {
    const bool default_domain = node.domain().empty() || node.domain() == "ai.onnx";
    if (!default_domain || (node.op_type() != "Constant" && !find_translator(node.op_type())))
      out.push_back(describe_node(node, opset) +
                    (default_domain ? "" : cat(" in domain '", node.domain(), "'")));
    for (const onnx::AttributeProto& a : node.attribute())
      if (a.has_g()) collect_unsupported(a.g(), opset, out);
  }
}

void check_supported(const onnx::ModelProto& model, int opset, const std::string& source) {
  std::vector<std::string> unsupported;
  collect_unsupported(model.graph(), opset, unsupported);
  if (unsupported.empty()) return;
  std::string list;
  for (const std::string& u : unsupported) list += "\n  " + u;
  fail(source, ": ", unsupported.size(), " ONNX node", unsupported.size() > 1 ? "s use" : " uses",
       " ops litequant cannot convert:", list);
}

// The value of a Constant node (attribute value, value_float(s), value_int(s)).
ir::Tensor constant_node_value(const onnx::NodeProto& node, int opset) {
  const std::string where = describe_node(node, opset);
  for (const onnx::AttributeProto& a : node.attribute()) {
    ir::Tensor t;
    t.name = node.output(0);
    if (a.name() == "value") {
      t = tensor_from_onnx(a.t(), where);
      t.name = node.output(0);
      return t;
    }
    auto fill = [&](ElementType type, Shape shape, const void* data, size_t bytes) {
      t.type = type;
      t.shape = std::move(shape);
      const auto* p = static_cast<const uint8_t*>(data);
      t.data.assign(p, p + bytes);
      return t;
    };
    const float f = a.f();
    const int64_t i = a.i();
    if (a.name() == "value_float") return fill(ElementType::kFloat32, {}, &f, 4);
    if (a.name() == "value_int") return fill(ElementType::kInt64, {}, &i, 8);
    if (a.name() == "value_floats")
      return fill(ElementType::kFloat32, {a.floats_size()}, a.floats().data(), 4 * static_cast<size_t>(a.floats_size()));
    if (a.name() == "value_ints")
      return fill(ElementType::kInt64, {a.ints_size()}, a.ints().data(), 8 * static_cast<size_t>(a.ints_size()));
  }
  throw UnsupportedVariant(cat(where, ": unsupported variant: Constant without a numeric value"));
}

void translate_node(const onnx::NodeProto& node, NodeContext& ctx) {
  try {
    (*find_translator(node.op_type()))(ctx);
  } catch (const UnsupportedVariant&) {
    throw;
  } catch (const Error& e) {
    const std::string what = e.what();
    if (what.starts_with(ctx.describe())) throw;
    ctx.fail(what);
  }
}

// ONNX ops whose first input is NCHW image data, and ops that pass a layout through unchanged:
// an input that reaches the former through the latter is an NCHW image.
const std::set<std::string> kNchwOps = {"Conv", "ConvTranspose", "MaxPool", "AveragePool",
                                        "GlobalAveragePool", "GlobalMaxPool", "BatchNormalization",
                                        "Resize", "Upsample", "InstanceNormalization",
                                        "DepthToSpace", "SpaceToDepth", "LpPool"};
const std::set<std::string> kLayoutFreeOps = {"Add", "Sub", "Mul", "Div", "Relu", "Clip", "Sigmoid",
                                              "Tanh", "LeakyRelu", "Identity", "Cast", "Neg", "Abs",
                                              "Sqrt", "Pow", "HardSigmoid", "HardSwish", "PRelu"};

bool is_nchw_image(const onnx::GraphProto& graph, const std::string& input) {
  std::vector<std::string> frontier = {input};
  std::set<std::string> seen;
  while (!frontier.empty()) {
    const std::string value = frontier.back();
    frontier.pop_back();
    if (!seen.insert(value).second) continue;
    for (const onnx::NodeProto& node : graph.node()) {
      for (int i = 0; i < node.input_size(); ++i) {
        if (node.input(i) != value) continue;
        if (i == 0 && kNchwOps.count(node.op_type())) return true;
        if (kLayoutFreeOps.count(node.op_type()))
          for (const std::string& out : node.output()) frontier.push_back(out);
      }
    }
  }
  return false;
}

struct InputShape {
  Shape shape, signature;  // signature empty when every dimension is fixed
};

InputShape given_input_shape(const onnx::ValueInfoProto& input, const Shape& given) {
  const auto& dims = input.type().tensor_type().shape().dim();
  const std::string& name = input.name();
  if (input.type().tensor_type().has_shape()) {
    LQ_CHECK(given.size() == static_cast<size_t>(dims.size()), "--input-shape ", name, ": the input has ",
             dims.size(), " dimensions, got ", shape_string(given));
    for (int d = 0; d < dims.size(); ++d)
      LQ_CHECK(!dims[d].has_dim_value() || dims[d].dim_value() == given[static_cast<size_t>(d)],
               "--input-shape ", name, ": dimension ", d, " is fixed to ", dims[d].dim_value(),
               " in the model, got ", given[static_cast<size_t>(d)]);
  }
  return {given, {}};
}

InputShape resolve_input_shape(const onnx::ValueInfoProto& input, const OnnxImportOptions& options) {
  const std::string& name = input.name();
  auto given = options.input_shapes.find(name);
  if (given != options.input_shapes.end()) return given_input_shape(input, given->second);
  LQ_CHECK(input.type().tensor_type().has_shape(), "input '", name,
           "' has no shape in the model; give it with --input-shape ", name, "=AxBx...");
  const auto& dims = input.type().tensor_type().shape().dim();
  InputShape out;
  for (int d = 0; d < dims.size(); ++d) {
    if (dims[d].has_dim_value() && dims[d].dim_value() > 0) {
      LQ_CHECK(dims[d].dim_value() <= (int64_t{1} << 30), "input '", name, "' dimension ", d,
               " is too large");
      out.shape.push_back(static_cast<int32_t>(dims[d].dim_value()));
      continue;
    }
    // A dynamic leading dimension of an input with more than one dimension is a batch dimension.
    const std::string param = dims[d].has_dim_param() ? cat(" ('", dims[d].dim_param(), "')") : "";
    LQ_CHECK(d == 0 && dims.size() > 1, "input '", name, "' dimension ", d, param,
             " has no fixed size; give the input's shape with --input-shape ", name,
             "=AxBx... (in the ONNX model's dimension order)");
    out.shape.push_back(1);
    out.signature = {-1};
  }
  if (!out.signature.empty()) {
    out.signature = out.shape;
    out.signature[0] = -1;
  }
  return out;
}

Shape nhwc_of(const Shape& nchw) {
  return nchw.empty() ? nchw : Shape{nchw[0], nchw[2], nchw[3], nchw[1]};
}

void check_input_shape_names(const onnx::GraphProto& graph, const OnnxImportOptions& options) {
  for (const auto& [name, shape] : options.input_shapes) {
    bool found = false;
    for (const onnx::ValueInfoProto& input : graph.input()) found |= input.name() == name;
    LQ_CHECK(found, "--input-shape: the model has no input '", name, "'");
  }
}

void add_graph_inputs(const onnx::GraphProto& graph, const OnnxImportOptions& options,
                      GraphBuilder& builder, ValueMap& values) {
  check_input_shape_names(graph, options);
  std::set<std::string> initializers;
  for (const onnx::TensorProto& init : graph.initializer()) initializers.insert(init.name());
  for (const onnx::ValueInfoProto& input : graph.input()) {
    if (initializers.count(input.name())) continue;  // a default for an overridable initializer
    const std::string where = cat("input '", input.name(), "'");
    const ElementType type = element_type_from_onnx(input.type().tensor_type().elem_type(), where);
    const InputShape s = resolve_input_shape(input, options);
    const bool to_nhwc = options.input_layout == InputLayout::kNhwc && s.shape.size() == 4 &&
                         type == ElementType::kFloat32 && is_nchw_image(graph, input.name());
    if (!to_nhwc) {
      values[input.name()] = builder.add_input(input.name(), type, s.shape, s.signature);
      continue;
    }
    const int nhwc = builder.add_input(input.name(), type, nhwc_of(s.shape), nhwc_of(s.signature));
    const int perm = builder.add_constant(input.name() + "/to_nchw_perm", {4},
                                          std::vector<int32_t>{0, 3, 1, 2});
    values[input.name()] = builder.add_op(tflite::BuiltinOperator::TRANSPOSE, {nhwc, perm}, {},
                                          {type}, input.name() + "/to_nchw")[0];
  }
}

void add_graph_outputs(const onnx::GraphProto& graph, GraphBuilder& builder, const ValueMap& values) {
  for (const onnx::ValueInfoProto& output : graph.output()) {
    auto it = values.find(output.name());
    LQ_CHECK(it != values.end(), "graph output '", output.name(), "' is not computed by any node");
    builder.mark_output(it->second);
  }
}

// Output tensors carry their ONNX names (a tensor that is also an input keeps the input's).
void name_outputs(ir::Subgraph& g, const onnx::GraphProto& graph) {
  for (int i = 0; i < graph.output_size(); ++i) {
    const int32_t index = g.outputs[static_cast<size_t>(i)];
    bool is_input = false;
    for (int32_t input : g.inputs) is_input |= input == index;
    if (!is_input) g.tensors[static_cast<size_t>(index)].name = graph.output(i).name();
  }
}

ir::Signature make_signature(const ir::Subgraph& g, const onnx::GraphProto& graph) {
  ir::Signature sig;
  sig.key = "serving_default";
  for (int32_t input : g.inputs) sig.inputs.push_back({g.tensors[static_cast<size_t>(input)].name, input});
  for (int i = 0; i < graph.output_size(); ++i)
    sig.outputs.push_back({graph.output(i).name(), g.outputs[static_cast<size_t>(i)]});
  return sig;
}

void optimize(ir::Model& model) {
  for (ir::Subgraph& g : model.subgraphs) {
    ir::optimize_transposes(g);
    ir::fold_batch_norm(g);
    ir::fuse_activations(g);
  }
}

}  // namespace

void GraphImporter::translate_nodes(const onnx::GraphProto& graph, GraphBuilder& builder,
                                    ValueMap& values) {
  for (const onnx::TensorProto& init : graph.initializer())
    values[init.name()] = builder.add_constant(tensor_from_onnx(init, cat("initializer '", init.name(), "'")));
  for (const onnx::NodeProto& node : graph.node()) {
    if (node.op_type() == "Constant") {
      LQ_CHECK(node.output_size() == 1, describe_node(node, opset_), ": expected one output");
      values[node.output(0)] = builder.add_constant(constant_node_value(node, opset_));
      continue;
    }
    NodeContext ctx(node, opset_, builder, values, *this);
    translate_node(node, ctx);
    for (int i = 0; i < node.output_size(); ++i)
      if (!node.output(i).empty() && !values.count(node.output(i)))
        ctx.unsupported("output ", i, " ('", node.output(i), "')");
  }
}

namespace {

ir::Model import_onnx_model(const onnx::ModelProto& proto, const std::string& source,
                            const OnnxImportOptions& options) {
  const int opset = default_domain_opset(proto, source);
  check_supported(proto, opset, source);
  ir::Model model;
  model.description = cat("litequant: converted from ONNX (", proto.producer_name(), " ",
                          proto.producer_version(), ", opset ", opset, ")");
  ir::Subgraph& main = model.subgraphs.emplace_back();
  main.name = proto.graph().name().empty() ? "main" : proto.graph().name();
  GraphBuilder builder(model, 0);
  GraphImporter importer(model, opset);
  ValueMap values;
  try {
    add_graph_inputs(proto.graph(), options, builder, values);
    importer.translate_nodes(proto.graph(), builder, values);
    add_graph_outputs(proto.graph(), builder, values);
  } catch (const UnsupportedVariant& e) {
    throw UnsupportedVariant(cat(source, ": ", e.what()));
  } catch (const Error& e) {
    fail(source, ": ", e.what());
  }
  optimize(model);
  name_outputs(model.subgraphs[0], proto.graph());
  model.signatures.push_back(make_signature(model.subgraphs[0], proto.graph()));
  rt::Interpreter check(model);  // the converted model must plan: kernels and shapes
  return model;
}

}  // namespace

ir::Model import_onnx(const std::string& path, const OnnxImportOptions& options) {
  return import_onnx_model(read_onnx_model(path), path, options);
}

void parse_input_shape(const std::string& text, std::map<std::string, Shape>& shapes) {
  const size_t eq = text.rfind('=');
  LQ_CHECK(eq != std::string::npos && eq > 0 && eq + 1 < text.size(), "--input-shape '", text,
           "': expected NAME=AxBx... (e.g. x=1x3x48x192)");
  Shape shape;
  std::stringstream dims(text.substr(eq + 1));
  std::string dim;
  while (std::getline(dims, dim, 'x')) {
    size_t used = 0;
    int value = 0;
    try {
      value = std::stoi(dim, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    LQ_CHECK(used == dim.size() && value > 0, "--input-shape '", text, "': '", dim,
             "' is not a positive dimension");
    shape.push_back(value);
  }
  shapes[text.substr(0, eq)] = shape;
}

}  // namespace lq::frontend
