#include "quant/full_integer.h"

#include <map>
#include <optional>
#include <utility>

#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "ir/if_constants.h"
#include "kernels/kernel_registry.h"
#include "quant/op_spec.h"
#include "quant/params.h"

namespace lq::quant {

namespace {

using BuiltinOp = tflite::BuiltinOperator;

// The rewrite of one subgraph: ops are re-emitted in order into `ops`, each preceded by the
// conversions its inputs need. Tensors below `original` are the float model's; is_int says which
// of them now hold integers.
struct Rewrite {
  ir::Model& model;
  int32_t index;  // of the subgraph
  ir::Subgraph& g;
  const QuantizeOptions& options;
  const Calibrator& ranges;
  ElementType act;  // int8 or int16
  // The subgraph's interface: --input-type / --output-type for subgraph 0; float32 for the
  // subgraphs IF and WHILE run, whose operands stay float (their inputs and outputs must match).
  ElementType input_type, output_type;
  size_t original;
  std::vector<ir::Op> ops;
  std::vector<bool> is_int;
  std::map<int32_t, std::vector<std::pair<ir::QuantParams, int32_t>>> int_copies;
  std::map<int32_t, int32_t> float_copies, weight_copies;

  ir::Tensor& tensor(int32_t t) { return g.tensors[static_cast<size_t>(t)]; }
  Range calibrated(int32_t t) const { return ranges.range(index, t); }
};

Rewrite start_rewrite(ir::Model& model, int32_t index, const QuantizeOptions& options, const Calibrator& ranges) {
  ir::Subgraph& g = model.subgraphs[static_cast<size_t>(index)];
  const bool main = index == 0;
  Rewrite r{model, index, g, options, ranges,
            options.mode == Mode::kInt16x8 ? ElementType::kInt16 : ElementType::kInt8,
            main ? options.input_type : ElementType::kFloat32,
            main ? options.output_type : ElementType::kFloat32,
            g.tensors.size(), {}, {}, {}, {}, {}};
  r.is_int.assign(r.original, false);
  return r;
}

bool present(const ir::Op& op, size_t i) { return i < op.inputs.size() && op.inputs[i] >= 0; }

// Why `op` cannot be integer, or "" when it can.
std::string float_reason(Rewrite& r, const ir::Op& op) {
  const std::string type = std::string(element_type_name(r.act));
  if (op.is_custom()) return "custom op";
  const OpQuantSpec* spec = find_op_spec(op.builtin);
  if (op.builtin == BuiltinOp::IF || op.builtin == BuiltinOp::WHILE)
    return "control flow: operands stay float32, the ops of the subgraphs it runs are quantized";
  if (!spec || op.builtin == BuiltinOp::QUANTIZE || op.builtin == BuiltinOp::DEQUANTIZE)
    return "not in TFLite's integer quantization spec";
  if (!spec->supports(r.act)) return cat("TFLite has no ", type, " kernel");
  if (!rt::KernelRegistry::global().find({op.builtin, "", r.act, rt::KernelKind::kReference}))
    return cat("no ", type, " kernel in litequant yet");
  for (size_t i = 0; i < op.inputs.size(); ++i) {
    if (!present(op, i)) continue;
    const ir::Tensor& t = r.tensor(op.inputs[i]);
    const bool weight = static_cast<int32_t>(i) == spec->weight_input && !spec->weight_only_if_constant;
    const bool bias = static_cast<int32_t>(i) == spec->bias_input;
    if ((weight || bias) && !(t.is_constant() && t.type == ElementType::kFloat32 && !t.sparsity))
      return cat(weight ? "weights" : "bias", " '", t.name, "' are not a float32 constant");
    if (!weight && !bias && spec->is_data_input(static_cast<int32_t>(i))) {
      if (t.type != ElementType::kFloat32 || t.sparsity) return cat("input '", t.name, "' is not float32");
      if (!t.is_constant() && r.calibrated(op.inputs[i]).empty())
        return cat("calibration never reached input '", t.name, "'");
    }
  }
  if (spec->output == OutputRule::kNotQuantized) return "";
  for (int32_t out : op.outputs) {
    if (out < 0) continue;
    if (r.tensor(out).type != ElementType::kFloat32) return cat("output '", r.tensor(out).name, "' is not float32");
    if (spec->output != OutputRule::kFixed && r.calibrated(out).empty())
      return cat("calibration never reached output '", r.tensor(out).name, "'");
  }
  return "";
}

// An activation tensor like `t` (no data) of another type and parameters.
int32_t add_activation(Rewrite& r, int32_t t, ElementType type, ir::QuantParams params, std::string_view suffix) {
  ir::Tensor copy;
  copy.name = ir::derived_name(r.tensor(t).name, suffix);
  copy.type = type;
  copy.shape = r.tensor(t).shape;
  copy.shape_signature = r.tensor(t).shape_signature;
  copy.has_rank = r.tensor(t).has_rank;
  copy.quant = std::move(params);
  return ir::add_tensor(r.g, std::move(copy));
}

// QUANTIZE (from float or from other integer parameters) or DEQUANTIZE of `from` into `to`.
void emit_conversion(Rewrite& r, int32_t from, int32_t to) {
  ir::Op op;
  op.builtin = r.tensor(to).type == ElementType::kFloat32 ? BuiltinOp::DEQUANTIZE : BuiltinOp::QUANTIZE;
  op.inputs = {from};
  op.outputs = {to};
  r.ops.push_back(std::move(op));
}

bool holds_int(const Rewrite& r, int32_t t) {
  return static_cast<size_t>(t) < r.original && r.is_int[static_cast<size_t>(t)];
}

// Parameters a tensor gets from its own values: the calibrated range, or a constant's values.
ir::QuantParams own_params(Rewrite& r, int32_t t) {
  const ir::Tensor& tensor = r.tensor(t);
  return activation_params(tensor.is_constant() ? value_range(tensor) : r.calibrated(t), r.act);
}

ir::QuantParams current_params(Rewrite& r, int32_t t) {
  return holds_int(r, t) ? r.tensor(t).quant : own_params(r, t);
}

// The integer version of tensor `t` with `params`: t itself, a quantized constant, or a
// QUANTIZE / requantization made once and shared by every op that needs it.
int32_t int_input(Rewrite& r, int32_t t, const ir::QuantParams& params) {
  if (holds_int(r, t) && r.tensor(t).quant == params) return t;
  for (const auto& [p, copy] : r.int_copies[t])
    if (p == params) return copy;
  int32_t copy = 0;
  if (r.tensor(t).is_constant()) {
    copy = ir::add_tensor(r.g, quantize_constant(r.tensor(t), params, r.act));
  } else {
    copy = add_activation(r, t, r.act, params, holds_int(r, t) ? "_requantized" : "_quantized");
    emit_conversion(r, t, copy);
  }
  r.int_copies[t].emplace_back(params, copy);
  return copy;
}

// The float version of tensor `t` for an op left float.
int32_t float_input(Rewrite& r, int32_t t) {
  if (!holds_int(r, t)) return t;
  auto [it, added] = r.float_copies.emplace(t, -1);
  if (added) {
    it->second = add_activation(r, t, ElementType::kFloat32, {}, "_dequantized");
    emit_conversion(r, t, it->second);
  }
  return it->second;
}

int32_t int_weights(Rewrite& r, int32_t t, const OpQuantSpec& spec) {
  auto [it, added] = r.weight_copies.emplace(t, -1);
  if (added) {
    const int32_t axis = r.options.per_tensor ? -1 : spec.weight_axis;
    it->second = ir::add_tensor(r.g, quantize_weights(r.tensor(t), axis));
  }
  return it->second;
}

// The parameters ops that keep them share: their one activation input's, or with several (or
// none, only constants) their own calibrated range, inputs requantized to it.
ir::QuantParams shared_params(Rewrite& r, const ir::Op& op, const std::vector<size_t>& data) {
  std::vector<int32_t> activations;
  for (size_t i : data)
    if (!r.tensor(op.inputs[i]).is_constant()) activations.push_back(op.inputs[i]);
  if (activations.size() == 1) return current_params(r, activations[0]);
  return own_params(r, op.outputs[0]);
}

// Comparisons (data inputs compared, output not quantized): a constant operand takes the
// parameters of the activation it is compared with, so that both sides lie on one grid (the
// constant's values rounded to the activation's steps, 0 exact) and the comparison decides as the
// float one does on the activation's values; a constant's own range can be degenerate (all zeros)
// where TFLite refuses comparison input scales of 1 or more. These are the activation's parameters,
// or nullopt for other ops and comparisons of constants.
std::optional<ir::QuantParams> compared_params(Rewrite& r, const ir::Op& op, const OpQuantSpec& spec,
                                               const std::vector<size_t>& data) {
  if (spec.output != OutputRule::kNotQuantized || data.size() < 2) return std::nullopt;
  for (size_t i : data)
    if (!r.tensor(op.inputs[i]).is_constant()) return current_params(r, op.inputs[i]);
  return std::nullopt;
}

// Whether every value of constant `t` lies within what `params` represent. A constant beyond the
// activation's range keeps its own parameters (as TFLite's converter gives them): clamped to the
// edge it would equal the activation's extreme values.
bool representable(Rewrite& r, int32_t t, const ir::QuantParams& params) {
  const Range values = value_range(r.tensor(t));
  const bool int8 = r.act == ElementType::kInt8;
  const double lo = int8 ? -128.0 : -32768.0, hi = int8 ? 127.0 : 32767.0;
  const double scale = params.scale.at(0), zero_point = static_cast<double>(params.zero_point.at(0));
  return values.empty() ||
         ((lo - zero_point) * scale <= values.min && values.max <= (hi - zero_point) * scale);
}

void set_outputs(Rewrite& r, const ir::Op& op, const OpQuantSpec& spec, const ir::QuantParams& shared) {
  if (spec.output == OutputRule::kNotQuantized) return;
  for (int32_t out : op.outputs) {
    if (out < 0) continue;
    ir::QuantParams params = spec.output == OutputRule::kSameAsInput ? shared : own_params(r, out);
    if (spec.output == OutputRule::kFixed) {
      const FixedParams& fixed = spec.fixed(r.act);
      params = ir::QuantParams{};
      params.scale = {static_cast<float>(fixed.scale)};
      params.zero_point = {fixed.zero_point};
    }
    r.tensor(out).type = r.act;
    r.tensor(out).quant = std::move(params);
    r.is_int[static_cast<size_t>(out)] = true;
  }
}

void emit_integer_op(Rewrite& r, ir::Op op, const OpQuantSpec& spec) {
  // BATCH_MATMUL's right-hand side is a weight (int8 symmetric) when it is a constant; in 16x8 both
  // operands are int16 (TFLite's kernel), a constant one quantized like an activation.
  const bool has_weights =
      spec.weight_input >= 0 && present(op, static_cast<size_t>(spec.weight_input)) &&
      (!spec.weight_only_if_constant ||
       (r.act == ElementType::kInt8 && r.tensor(op.inputs[static_cast<size_t>(spec.weight_input)]).is_constant()));
  std::vector<size_t> data;
  for (size_t i = 0; i < op.inputs.size(); ++i)
    if (present(op, i) && spec.is_data_input(static_cast<int32_t>(i)) &&
        !(has_weights && static_cast<int32_t>(i) == spec.weight_input) &&
        static_cast<int32_t>(i) != spec.bias_input)
      data.push_back(i);
  const bool same = spec.output == OutputRule::kSameAsInput;
  const ir::QuantParams shared = same ? shared_params(r, op, data) : ir::QuantParams{};
  const std::optional<ir::QuantParams> compared = compared_params(r, op, spec, data);
  for (size_t i : data) {
    ir::QuantParams params = same ? shared : current_params(r, op.inputs[i]);
    if (compared && r.tensor(op.inputs[i]).is_constant() && representable(r, op.inputs[i], *compared))
      params = *compared;
    op.inputs[i] = int_input(r, op.inputs[i], params);
  }
  if (has_weights) {
    const auto w = static_cast<size_t>(spec.weight_input);
    op.inputs[w] = int_weights(r, op.inputs[w], spec);
    const auto b = static_cast<size_t>(spec.bias_input);
    if (spec.bias_input >= 0 && present(op, b)) {
      const float input_scale = r.tensor(op.inputs[data.at(0)]).quant.scale.at(0);
      ir::Tensor bias = quantize_bias(r.tensor(op.inputs[b]), input_scale, r.tensor(op.inputs[w]).quant,
                                      bias_type_for(r.act));
      op.inputs[b] = ir::add_tensor(r.g, std::move(bias));
    }
  }
  set_outputs(r, op, spec, shared);
  // 16x8 ADD/SUB: the general kernel, as TFLite's converter writes them; with pot_scale_int16 (the
  // schema default) calibrated power-of-two scales would silently select another kernel.
  if (r.act == ElementType::kInt16 && op.builtin == BuiltinOp::ADD)
    ir::mutable_options<tflite::AddOptionsT>(op).pot_scale_int16 = false;
  if (r.act == ElementType::kInt16 && op.builtin == BuiltinOp::SUB)
    ir::mutable_options<tflite::SubOptionsT>(op).pot_scale_int16 = false;
  r.ops.push_back(std::move(op));
}

void emit_float_op(Rewrite& r, ir::Op op) {
  for (int32_t& in : op.inputs)
    if (in >= 0) in = float_input(r, in);
  r.ops.push_back(std::move(op));
}

// Parameters of a model input or output of type `type` standing for tensor t of the model:
// uint8 next to int8 shifts int8's zero point by 128, as TFLite's converter does.
ir::QuantParams boundary_params(Rewrite& r, int32_t t, ElementType type) {
  if (type == ElementType::kFloat32) return {};
  const ir::QuantParams params = current_params(r, t);
  if (type == r.act) return params;
  if (type == ElementType::kUInt8 && r.act == ElementType::kInt8)
    return shift_zero_point(params, ElementType::kInt8, ElementType::kUInt8);
  const ir::Tensor& tensor = r.tensor(t);
  return activation_params(tensor.is_constant() ? value_range(tensor) : r.calibrated(t), type);
}

// Model input or output t becomes boundary tensor `to` of the interface type; the boundary takes
// t's name (what users and signatures know) and t is renamed.
void retarget_boundary(Rewrite& r, int32_t t, int32_t to, bool input) {
  std::swap(r.tensor(t).name, r.tensor(to).name);
  r.tensor(t).name = ir::derived_name(r.tensor(to).name, input ? "_quantized" : "_internal");
  for (int32_t& io : input ? r.g.inputs : r.g.outputs)
    if (io == t) io = to;
  for (ir::Signature& signature : r.model.signatures)
    if (signature.subgraph == r.index)
      for (ir::SignatureTensor& s : input ? signature.inputs : signature.outputs)
        if (s.tensor == t) s.tensor = to;
}

// --input-type other than float32: the input holds integers; a type other than the activation
// type (uint8) comes in through a QUANTIZE.
void quantize_inputs(Rewrite& r) {
  const ElementType type = r.input_type;
  if (type == ElementType::kFloat32) return;
  for (const int32_t in : std::vector<int32_t>(r.g.inputs)) {
    const ir::QuantParams boundary = boundary_params(r, in, type);
    r.tensor(in).quant = own_params(r, in);
    r.tensor(in).type = r.act;
    r.is_int[static_cast<size_t>(in)] = true;
    if (type == r.act) continue;
    const int32_t outer = add_activation(r, in, type, boundary, "");
    emit_conversion(r, outer, in);
    retarget_boundary(r, in, outer, true);
  }
}

// --output-type: each output converted to it where it holds another type.
void convert_outputs(Rewrite& r) {
  const ElementType type = r.output_type;
  for (const int32_t out : std::vector<int32_t>(r.g.outputs)) {
    const ElementType held = holds_int(r, out) ? r.act : r.tensor(out).type;
    if (held == type || (held != r.act && held != ElementType::kFloat32)) continue;
    const int32_t outer = add_activation(r, out, type, boundary_params(r, out, type), "");
    emit_conversion(r, out, outer);
    retarget_boundary(r, out, outer, false);
  }
}

void count_op(QuantizeReport& report, const ir::Op& op, const std::string& reason) {
  const std::string name = ir::op_name(op);
  if (reason.empty()) {
    ++report.quantized_ops[name];
    return;
  }
  ++report.float_ops[name];
  report.float_reasons.emplace(name, reason);
}

// Ops that read and write no float activation (shape arithmetic, integer ops) are neither
// quantized nor left float.
bool touches_float(const Rewrite& r, const ir::Op& op) {
  for (const auto* list : {&op.inputs, &op.outputs})
    for (int32_t t : *list)
      if (t >= 0 && !r.g.tensors[static_cast<size_t>(t)].is_constant() &&
          r.g.tensors[static_cast<size_t>(t)].type == ElementType::kFloat32)
        return true;
  return false;
}

// What becomes of each op of a subgraph: untouched (reads and writes no float activation), integer
// (reason "") or float with the reason.
struct OpPlan {
  bool touches = false;
  std::string reason;
};

std::vector<OpPlan> plan_ops(Rewrite& r) {
  std::vector<OpPlan> plan;
  for (const ir::Op& op : r.g.ops) {
    const bool touches = touches_float(r, op);
    plan.push_back({touches, touches ? float_reason(r, op) : ""});
  }
  return plan;
}

void rewrite_subgraph(Rewrite& r, const std::vector<OpPlan>& plan, QuantizeReport& report) {
  quantize_inputs(r);
  std::vector<ir::Op> original_ops = std::move(r.g.ops);
  for (size_t i = 0; i < original_ops.size(); ++i) {
    if (!plan[i].touches) {
      emit_float_op(r, std::move(original_ops[i]));
      continue;
    }
    count_op(report, original_ops[i], plan[i].reason);
    if (plan[i].reason.empty())
      emit_integer_op(r, std::move(original_ops[i]), *find_op_spec(original_ops[i].builtin));
    else
      emit_float_op(r, std::move(original_ops[i]));
  }
  convert_outputs(r);
  r.g.ops = std::move(r.ops);
  ir::remap_signatures(r.model, r.index, ir::remove_unused(r.g));
}

}  // namespace

// Every subgraph is rewritten alike; those that IF and WHILE run keep float interfaces, so the
// control-flow op and its operands stay float and the conversions sit inside the called subgraph.
// Calibration names their tensors by subgraph; a branch never taken has no ranges and stays float.
void quantize_full_integer(ir::Model& model, const QuantizeOptions& options, const Calibrator& ranges,
                           QuantizeReport& report) {
  LQ_CHECK(!model.subgraphs.empty(), "model has no subgraphs");
  // Changes go to a copy until every plan is made and --strict checked.
  ir::Model work = model;
  // Weights passed into IF branches as operands become branch constants, so they can be integer;
  // tensor indices stay, so the calibrated ranges still apply.
  ir::move_if_constants_into_branches(work);
  const auto count = static_cast<int32_t>(work.subgraphs.size());
  std::vector<std::vector<OpPlan>> plans;
  std::string strict_list;
  for (int32_t k = 0; k < count; ++k) {
    Rewrite r = start_rewrite(work, k, options, ranges);
    plans.push_back(plan_ops(r));
    for (size_t i = 0; i < plans.back().size(); ++i)
      if (!plans.back()[i].reason.empty())
        strict_list += cat("\n  ", k ? cat("subgraph ", k, " ") : "", "op ", i, " ", ir::op_name(r.g.ops[i]), ": ",
                           plans.back()[i].reason);
  }
  LQ_CHECK(!options.strict || strict_list.empty(), "--strict: ops that would stay float:", strict_list);
  for (int32_t k = 0; k < count; ++k) {
    Rewrite r = start_rewrite(work, k, options, ranges);
    rewrite_subgraph(r, plans[static_cast<size_t>(k)], report);
  }
  model = std::move(work);
}

}  // namespace lq::quant
