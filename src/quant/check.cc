#include "quant/check.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/error.h"
#include "quant/op_spec.h"

namespace lq::quant {

namespace {

using Op = tflite::BuiltinOperator;

// Scales are printed with enough digits to see a relative difference of 1e-6.
std::string num(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.9g", value);
  return buffer;
}

bool same_scale(double a, double b) {
  return std::abs(a - b) <= kScaleRelTolerance * std::max(std::abs(a), std::abs(b));
}

std::pair<int64_t, int64_t> zero_point_range(ElementType type) {
  switch (type) {
    case ElementType::kInt8: return {-128, 127};
    case ElementType::kUInt8: return {0, 255};
    default: return {-32768, 32767};
  }
}

int64_t zero_point_of(const ir::QuantParams& q) { return q.zero_point.empty() ? 0 : q.zero_point[0]; }

bool same_params(const ir::QuantParams& a, const ir::QuantParams& b) {
  return same_scale(a.scale[0], b.scale[0]) && zero_point_of(a) == zero_point_of(b);
}

std::string params_text(const ir::QuantParams& q) {
  if (q.scale.empty()) return "no quantization parameters";
  return cat("scale ", num(q.scale[0]), " zero point ", zero_point_of(q));
}

// " (3 of 16 channels, first: channel 2)" for per-channel findings, "" for per-tensor ones.
std::string channels_note(int64_t bad, size_t channels, int64_t first) {
  if (channels <= 1) return "";
  return cat(" (", bad, " of ", channels, " channels, first: channel ", first, ")");
}

// Checks one subgraph; violations are appended to `out`.
class SubgraphChecker {
 public:
  SubgraphChecker(const ir::Subgraph& graph, int32_t index, bool entry, std::vector<Violation>& out)
      : g_(graph), index_(index), entry_(entry), out_(out) {
    owner_.assign(g_.tensors.size(), -1);
    for (size_t i = 0; i < g_.ops.size(); ++i)
      for (int32_t t : g_.ops[i].outputs)
        if (valid(t)) owner_[t] = static_cast<int32_t>(i);
    for (size_t i = 0; i < g_.ops.size(); ++i)
      for (int32_t t : g_.ops[i].inputs)
        if (valid(t) && owner_[t] < 0) owner_[t] = static_cast<int32_t>(i);
  }

  void run() {
    for (size_t t = 0; t < g_.tensors.size(); ++t) check_tensor(static_cast<int32_t>(t));
    for (size_t i = 0; i < g_.ops.size(); ++i) check_op(static_cast<int32_t>(i));
    if (entry_) check_model_io();
  }

 private:
  bool valid(int32_t t) const { return t >= 0 && static_cast<size_t>(t) < g_.tensors.size(); }
  const ir::Tensor& tensor(int32_t t) const { return g_.tensors[t]; }
  bool is_model_io(int32_t t) const {
    return entry_ && (std::count(g_.inputs.begin(), g_.inputs.end(), t) ||
                      std::count(g_.outputs.begin(), g_.outputs.end(), t));
  }

  void report(ViolationKind kind, int32_t op, int32_t t, std::string message) {
    Violation v;
    v.kind = kind;
    v.subgraph = index_;
    v.op = op;
    if (op >= 0) v.op_name = ir::op_name(g_.ops[op]);
    if (valid(t)) v.tensor = tensor(t).name;
    v.message = std::move(message);
    out_.push_back(std::move(v));
  }

  // Rules every quantized tensor follows on its own, reported once, at its producer (or first user).
  void check_tensor(int32_t t) {
    const ir::Tensor& x = tensor(t);
    if (!is_quantized_type(x.type)) return;
    const int32_t op = owner_[t];
    const auto type = element_type_name(x.type);
    const ir::QuantParams& q = x.quant;
    if (q.scale.empty()) {
      report(ViolationKind::kMissingQuantParams, op, t,
             cat(type, " tensor without a scale and zero point: expected quantization parameters"));
      return;
    }
    if (q.zero_point.size() != q.scale.size())
      report(ViolationKind::kInvalidQuantParams, op, t,
             cat("expected one zero point per scale, found ", q.scale.size(), " scales and ",
                 q.zero_point.size(), " zero points"));
    for (float s : q.scale)
      if (!(std::isfinite(s) && s > 0)) {
        report(ViolationKind::kInvalidQuantParams, op, t, cat("expected positive finite scales, found ", num(s)));
        break;
      }
    const auto [lo, hi] = zero_point_range(x.type);
    for (int64_t z : q.zero_point)
      if (z < lo || z > hi) {
        report(ViolationKind::kZeroPointRange, op, t,
               cat(type, " zero point ", z, " outside [", lo, ", ", hi, "]"));
        break;
      }
    if (x.is_constant()) return;  // weights may be per axis and are checked by their op
    if (q.per_axis())
      report(ViolationKind::kPerAxisActivation, op, t,
             cat("activations are quantized per tensor: expected 1 scale, found ", q.scale.size()));
    if (x.type == ElementType::kInt16 && std::any_of(q.zero_point.begin(), q.zero_point.end(),
                                                     [](int64_t z) { return z != 0; }))
      report(ViolationKind::kInt16ZeroPoint, op, t,
             cat("int16 activations are symmetric: expected zero point 0, found ", q.zero_point[0]));
  }

  // The tensors of `op` that carry activations, inputs first.
  std::vector<int32_t> data_tensors(int32_t op, const OpQuantSpec& spec, bool with_outputs) const {
    const ir::Op& o = g_.ops[op];
    std::vector<int32_t> result;
    for (size_t i = 0; i < o.inputs.size(); ++i) {
      const int32_t t = o.inputs[i];
      if (!valid(t)) continue;
      const auto slot = static_cast<int32_t>(i);
      const bool activation_operand = slot == spec.weight_input && spec.weight_only_if_constant &&
                                      !is_constant_weight(t);
      if (spec.is_data_input(slot) && (slot != spec.weight_input || activation_operand))
        result.push_back(t);
    }
    if (with_outputs)
      for (int32_t t : o.outputs)
        if (valid(t)) result.push_back(t);
    return result;
  }

  // The weight tensor of `op`, or -1.
  int32_t weight_of(int32_t op, const OpQuantSpec& spec) const {
    const ir::Op& o = g_.ops[op];
    if (spec.weight_input < 0 || static_cast<size_t>(spec.weight_input) >= o.inputs.size()) return -1;
    const int32_t t = o.inputs[spec.weight_input];
    if (!valid(t) || (spec.weight_only_if_constant && !is_constant_weight(t))) return -1;
    return t;
  }

  // BATCH_MATMUL's right-hand side is a weight when constant, except in 16x8 (int16 x int16).
  bool is_constant_weight(int32_t t) const {
    return tensor(t).is_constant() && tensor(t).type != ElementType::kInt16;
  }

  bool touches_quantized(const ir::Op& o) const {
    auto quantized = [&](int32_t t) { return valid(t) && is_quantized_type(tensor(t).type); };
    return std::any_of(o.inputs.begin(), o.inputs.end(), quantized) ||
           std::any_of(o.outputs.begin(), o.outputs.end(), quantized);
  }

  void check_op(int32_t op) {
    const ir::Op& o = g_.ops[op];
    if (o.is_custom() || !touches_quantized(o)) return;  // custom ops have no spec to check against
    const OpQuantSpec* spec = find_op_spec(o.builtin);
    if (spec == nullptr) {
      report(ViolationKind::kUnsupportedType, op, -1,
             "op with quantized tensors but no integer kernel in the TFLite quantization spec");
      return;
    }
    if (o.builtin == Op::QUANTIZE) return check_quantize(op);
    if (o.builtin == Op::DEQUANTIZE) return check_dequantize(op);
    const bool quantized_output = spec->output != OutputRule::kNotQuantized;
    const std::vector<int32_t> data = data_tensors(op, *spec, quantized_output);
    std::set<ElementType> types;
    for (int32_t t : data) types.insert(tensor(t).type);
    if (types.count(ElementType::kUInt8)) return report_uint8(op, data);
    if (types.size() > 1) return report_mixed(op, data);
    if (types.empty()) return;
    const ElementType act = *types.begin();
    if (act == ElementType::kFloat32) return check_hybrid(op, *spec);
    if (!is_quantized_type(act)) return;  // plain integer arithmetic (int32 indices, ...)
    if (!spec->supports(act)) {
      report(ViolationKind::kUnsupportedType, op, data.front(),
             cat("no ", element_type_name(act), " kernel for this op in the TFLite quantization spec",
                 spec->int8 ? "" : " (keep it float between QUANTIZE and DEQUANTIZE)"));
      return;
    }
    const int32_t weight = weight_of(op, *spec);
    if (weight >= 0) {
      check_weight(op, *spec, weight);
      check_bias(op, *spec, act, data.front(), weight);
    }
    if (spec->output == OutputRule::kFixed) check_fixed_output(op, *spec, act);
    if (spec->output == OutputRule::kSameAsInput) check_shared(op, *spec);
  }

  void report_mixed(int32_t op, const std::vector<int32_t>& data) {
    std::string found;
    for (int32_t t : data)
      found += cat(found.empty() ? "" : ", ", "'", tensor(t).name, "' ", element_type_name(tensor(t).type));
    report(ViolationKind::kMixedTypes, op, data.front(),
           cat("expected every activation of the op to have one type (int8, or int16 for 16x8), found ",
               found, "; convert with QUANTIZE/DEQUANTIZE"));
  }

  // uint8 is the legacy scheme: allowed only at the model's boundary, converted by QUANTIZE/DEQUANTIZE.
  void report_uint8(int32_t op, const std::vector<int32_t>& data) {
    const auto io = std::find_if(data.begin(), data.end(), [&](int32_t t) {
      return tensor(t).type == ElementType::kUInt8 && is_model_io(t);
    });
    if (io != data.end())
      report(ViolationKind::kIoType, op, *io,
             "uint8 model input/output used directly: expected a QUANTIZE/DEQUANTIZE at the boundary");
    else
      report(ViolationKind::kUnsupportedType, op, *std::find_if(data.begin(), data.end(), [&](int32_t t) {
               return tensor(t).type == ElementType::kUInt8;
             }),
             "uint8 activations inside the model: the spec is int8 (uint8 only at inputs and outputs)");
  }

  // Dynamic-range (hybrid) ops: float activations with int8 weights.
  void check_hybrid(int32_t op, const OpQuantSpec& spec) {
    const int32_t weight = weight_of(op, spec);
    if (weight < 0 || tensor(weight).type != ElementType::kInt8) return;
    if (!spec.hybrid) {
      report(ViolationKind::kMixedTypes, op, weight,
             "float activations with int8 weights, but the op has no dynamic-range (hybrid) kernel");
      return;
    }
    check_weight(op, spec, weight);
  }

  void check_weight(int32_t op, const OpQuantSpec& spec, int32_t t) {
    const ir::Tensor& w = tensor(t);
    if (w.type != ElementType::kInt8) {
      report(ViolationKind::kWeightType, op, t,
             cat("weights: expected int8, found ", element_type_name(w.type)));
      return;
    }
    const ir::QuantParams& q = w.quant;
    if (q.scale.empty()) return;  // reported as missing parameters
    check_weight_zero_points(op, t);
    check_weight_axis(op, spec, t);
    check_weight_values(op, t);
  }

  void check_weight_zero_points(int32_t op, int32_t t) {
    const std::vector<int64_t>& zp = tensor(t).quant.zero_point;
    const auto first = std::find_if(zp.begin(), zp.end(), [](int64_t z) { return z != 0; });
    if (first == zp.end()) return;
    const auto count = std::count_if(zp.begin(), zp.end(), [](int64_t z) { return z != 0; });
    report(ViolationKind::kWeightZeroPoint, op, t,
           cat("weights are symmetric: expected zero point 0, found ", *first,
               channels_note(count, zp.size(), first - zp.begin())));
  }

  void check_weight_axis(int32_t op, const OpQuantSpec& spec, int32_t t) {
    const ir::Tensor& w = tensor(t);
    const ir::QuantParams& q = w.quant;
    if (!q.per_axis()) return;
    if (spec.weight_axis < 0) {
      report(ViolationKind::kWeightAxis, op, t,
             cat("expected per-tensor weights for this op, found ", q.scale.size(), " scales"));
      return;
    }
    if (q.axis != spec.weight_axis) {
      report(ViolationKind::kWeightAxis, op, t,
             cat("per-axis weights: expected quantized dimension ", spec.weight_axis, ", found ", q.axis));
      return;
    }
    const int32_t size = spec.weight_axis < static_cast<int32_t>(w.shape.size()) ? w.shape[spec.weight_axis] : -1;
    if (static_cast<int64_t>(q.scale.size()) != size)
      report(ViolationKind::kWeightAxis, op, t,
             cat("per-axis weights: expected one scale per slice of dimension ", spec.weight_axis, " (",
                 size, " for shape ", shape_string(w.shape), "), found ", q.scale.size()));
  }

  void check_weight_values(int32_t op, int32_t t) {
    const ir::Tensor& w = tensor(t);
    if (!w.is_constant()) return;
    const auto* v = w.data_as<int8_t>();
    const size_t n = w.data.size();
    const auto bad = std::count_if(v, v + n, [](int8_t x) { return x < kWeightMin || x > kWeightMax; });
    if (bad == 0) return;
    const auto first = std::find_if(v, v + n, [](int8_t x) { return x < kWeightMin || x > kWeightMax; });
    report(ViolationKind::kWeightRange, op, t,
           cat("weights: expected values in [", kWeightMin, ", ", kWeightMax, "], found ", bad, " of ", n,
               " outside (first: ", static_cast<int>(*first), " at element ", first - v, ")"));
  }

  void check_bias(int32_t op, const OpQuantSpec& spec, ElementType act, int32_t input, int32_t weight) {
    const ir::Op& o = g_.ops[op];
    if (spec.bias_input < 0 || static_cast<size_t>(spec.bias_input) >= o.inputs.size()) return;
    const int32_t t = o.inputs[spec.bias_input];
    if (!valid(t)) return;  // no bias
    const ir::Tensor& b = tensor(t);
    const ElementType expected = bias_type_for(act);
    if (b.type != expected) {
      report(ViolationKind::kBiasType, op, t,
             cat("bias with ", element_type_name(act), " activations: expected ", element_type_name(expected),
                 ", found ", element_type_name(b.type)));
      return;
    }
    const ir::QuantParams& q = b.quant;
    if (std::any_of(q.zero_point.begin(), q.zero_point.end(), [](int64_t z) { return z != 0; }))
      report(ViolationKind::kBiasZeroPoint, op, t, "bias: expected zero point 0, found a non-zero one");
    check_bias_scale(op, t, input, weight);
  }

  void check_bias_scale(int32_t op, int32_t t, int32_t input, int32_t weight) {
    const std::vector<float>& bs = tensor(t).quant.scale;
    const std::vector<float>& ws = tensor(weight).quant.scale;
    const std::vector<float>& is = tensor(input).quant.scale;
    if (is.empty() || ws.empty()) return;  // reported as missing parameters
    if (bs.size() != ws.size()) {
      report(ViolationKind::kBiasScale, op, t,
             cat("bias: expected ", ws.size(), " scale(s) (input scale x each weight scale), found ", bs.size()));
      return;
    }
    auto expected = [&](size_t c) { return static_cast<double>(is[0]) * ws[c]; };
    int64_t bad = 0;
    size_t first = 0;
    for (size_t c = 0; c < bs.size(); ++c)
      if (!same_scale(bs[c], expected(c)) && bad++ == 0) first = c;
    if (bad == 0) return;
    report(ViolationKind::kBiasScale, op, t,
           cat("bias scale: expected input scale x weight scale = ", num(expected(first)), ", found ",
               num(bs[first]), channels_note(bad, bs.size(), static_cast<int64_t>(first))));
  }

  void check_fixed_output(int32_t op, const OpQuantSpec& spec, ElementType act) {
    const FixedParams& fixed = spec.fixed(act);
    for (int32_t t : g_.ops[op].outputs) {
      if (!valid(t) || tensor(t).quant.scale.empty()) continue;
      const ir::QuantParams& q = tensor(t).quant;
      if (!same_scale(q.scale[0], fixed.scale) || zero_point_of(q) != fixed.zero_point)
        report(ViolationKind::kFixedOutput, op, t,
               cat(element_type_name(act), " output: expected fixed scale ", num(fixed.scale), " zero point ",
                   fixed.zero_point, ", found ", params_text(q)));
    }
  }

  // Every data input and output share the reference's parameters: the output's for ops whose inputs
  // must all match it (CONCATENATION), the first data input's otherwise.
  void check_shared(int32_t op, const OpQuantSpec& spec) {
    const std::vector<int32_t> data = data_tensors(op, spec, true);
    const ir::Op& o = g_.ops[op];
    const bool to_output = spec.all_inputs_are_data && !o.outputs.empty() && valid(o.outputs[0]);
    const int32_t ref = to_output ? o.outputs[0] : data.front();
    const ir::QuantParams& rq = tensor(ref).quant;
    if (rq.scale.empty()) return;
    for (int32_t t : data) {
      const ir::QuantParams& q = tensor(t).quant;
      if (t == ref || q.scale.empty()) continue;
      if (!same_params(q, rq))
        report(ViolationKind::kSharedParams, op, t,
               cat("expected the ", to_output ? "output" : "input", "'s parameters (", params_text(rq),
                   ", tensor '", tensor(ref).name, "'), found ", params_text(q),
                   o.builtin == Op::CONCATENATION ? " (LiteRT.js returns wrong values for this)" : ""));
    }
  }

  void check_quantize(int32_t op) {
    const ir::Op& o = g_.ops[op];
    if (o.inputs.empty() || o.outputs.empty() || !valid(o.inputs[0]) || !valid(o.outputs[0])) return;
    const ElementType in = tensor(o.inputs[0]).type, out = tensor(o.outputs[0]).type;
    if (in != ElementType::kFloat32 && !is_quantized_type(in))
      report(ViolationKind::kUnsupportedType, op, o.inputs[0],
             cat("QUANTIZE input: expected float32, int8, uint8 or int16, found ", element_type_name(in)));
    if (!is_quantized_type(out))
      report(ViolationKind::kUnsupportedType, op, o.outputs[0],
             cat("QUANTIZE output: expected int8, uint8 or int16, found ", element_type_name(out)));
    check_uint8_at_boundary(op, o.inputs[0]);
    check_uint8_at_boundary(op, o.outputs[0]);
  }

  void check_dequantize(int32_t op) {
    const ir::Op& o = g_.ops[op];
    if (o.inputs.empty() || o.outputs.empty() || !valid(o.inputs[0]) || !valid(o.outputs[0])) return;
    const ElementType in = tensor(o.inputs[0]).type, out = tensor(o.outputs[0]).type;
    if (!is_quantized_type(in) && in != ElementType::kFloat16)
      report(ViolationKind::kUnsupportedType, op, o.inputs[0],
             cat("DEQUANTIZE input: expected int8, uint8, int16 or float16, found ", element_type_name(in)));
    if (out != ElementType::kFloat32)
      report(ViolationKind::kUnsupportedType, op, o.outputs[0],
             cat("DEQUANTIZE output: expected float32, found ", element_type_name(out)));
    check_uint8_at_boundary(op, o.inputs[0]);
  }

  void check_uint8_at_boundary(int32_t op, int32_t t) {
    if (tensor(t).type == ElementType::kUInt8 && !tensor(t).is_constant() && !is_model_io(t))
      report(ViolationKind::kIoType, op, t,
             "uint8 tensor inside the model: uint8 is only for model inputs and outputs");
  }

  void check_model_io() {
    auto check = [&](int32_t t, const char* what) {
      if (!valid(t)) return;
      const ElementType type = tensor(t).type;
      static constexpr ElementType kAllowed[] = {ElementType::kFloat32, ElementType::kInt8, ElementType::kUInt8,
                                                 ElementType::kInt16, ElementType::kInt32, ElementType::kInt64,
                                                 ElementType::kBool};
      if (std::find(std::begin(kAllowed), std::end(kAllowed), type) == std::end(kAllowed))
        report(ViolationKind::kIoType, -1, t,
               cat("model ", what, ": expected float32, int8, uint8 or int16 (int32, int64, bool for non-data), found ", element_type_name(type)));
    };
    for (int32_t t : g_.inputs) check(t, "input");
    for (int32_t t : g_.outputs) check(t, "output");
  }

  const ir::Subgraph& g_;
  int32_t index_;
  bool entry_;
  std::vector<Violation>& out_;
  std::vector<int32_t> owner_;  // per tensor: producing op, else first consuming op, else -1
};

bool has_quantized_tensors(const ir::Model& model) {
  for (const ir::Subgraph& g : model.subgraphs)
    for (const ir::Tensor& t : g.tensors)
      if (is_quantized_type(t.type)) return true;
  return false;
}

}  // namespace

std::string_view violation_kind_name(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::kMissingQuantParams: return "missing-quant-params";
    case ViolationKind::kInvalidQuantParams: return "invalid-quant-params";
    case ViolationKind::kZeroPointRange: return "zero-point-range";
    case ViolationKind::kPerAxisActivation: return "per-axis-activation";
    case ViolationKind::kInt16ZeroPoint: return "int16-zero-point";
    case ViolationKind::kWeightType: return "weight-type";
    case ViolationKind::kWeightZeroPoint: return "weight-zero-point";
    case ViolationKind::kWeightRange: return "weight-range";
    case ViolationKind::kWeightAxis: return "weight-axis";
    case ViolationKind::kBiasType: return "bias-type";
    case ViolationKind::kBiasScale: return "bias-scale";
    case ViolationKind::kBiasZeroPoint: return "bias-zero-point";
    case ViolationKind::kFixedOutput: return "fixed-output";
    case ViolationKind::kSharedParams: return "shared-params";
    case ViolationKind::kMixedTypes: return "mixed-types";
    case ViolationKind::kUnsupportedType: return "unsupported-type";
    case ViolationKind::kIoType: return "io-type";
  }
  return "unknown";
}

CheckResult check_model(const ir::Model& model) {
  CheckResult result;
  result.quantized = has_quantized_tensors(model);
  if (!result.quantized) return result;
  for (size_t i = 0; i < model.subgraphs.size(); ++i)
    SubgraphChecker(model.subgraphs[i], static_cast<int32_t>(i), i == 0, result.violations).run();
  return result;
}

std::string violation_text(const Violation& v) {
  std::string where = v.subgraph > 0 ? cat("subgraph ", v.subgraph, " ") : "";
  if (v.op >= 0) where += cat("op ", v.op, " (", v.op_name, ")");
  if (!v.tensor.empty()) where += cat(v.op >= 0 ? " " : "", "tensor '", v.tensor, "'");
  return cat(where, ": ", violation_kind_name(v.kind), ": ", v.message);
}

}  // namespace lq::quant
