#include "quant/dynamic.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "core/error.h"
#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "ir/if_constants.h"
#include "quant/op_spec.h"
#include "quant/params.h"

namespace lq::quant {
namespace {

using Op = tflite::BuiltinOperator;

// How the runtime reads an int8 weight: a hybrid kernel reads it directly; other ops read it
// through a DEQUANTIZE (the converter's weight-only fallback for ops without a hybrid kernel).
enum class Reader { kHybrid, kDequantize };

// One weight input of one op that the mode turns into int8.
struct WeightUse {
  int32_t input = -1;  // index into op.inputs
  int32_t axis = -1;   // per-axis dimension, -1: per tensor
  Reader reader = Reader::kHybrid;
  bool one_scale = false;  // per tensor, the scale repeated along `axis`
  auto key() const { return std::make_tuple(axis, one_scale); }
};

// The weight input of `op` that dynamic-range mode quantizes, as the converter chooses it (its
// DynamicRangeQuantizedOpInterface ops; per axis where the op's spec has a weight axis).
std::optional<WeightUse> weight_use(const ir::Op& op, bool per_tensor) {
  switch (op.builtin) {
    case Op::CONV_2D:
    case Op::DEPTHWISE_CONV_2D:
    case Op::FULLY_CONNECTED:
    case Op::BATCH_MATMUL:
    case Op::TRANSPOSE_CONV: {
      const OpQuantSpec* spec = find_op_spec(op.builtin);
      LQ_CHECK(spec && spec->weight_input >= 0, "no weight input in the spec of ", ir::op_name(op));
      const Reader reader =
          op.builtin == Op::TRANSPOSE_CONV ? Reader::kDequantize : Reader::kHybrid;
      // TFLite's hybrid DEPTHWISE_CONV_2D reads one scale per channel whatever the file holds
      // (LiteRT.js returned NaN and 1e33 for a per-tensor filter): per tensor, the one scale is
      // stored once per channel.
      if (per_tensor && op.builtin == Op::DEPTHWISE_CONV_2D)
        return WeightUse{spec->weight_input, spec->weight_axis, reader, true};
      return WeightUse{spec->weight_input, per_tensor ? -1 : spec->weight_axis, reader};
    }
    case Op::GATHER: return WeightUse{0, -1, Reader::kDequantize};  // params, per tensor
    default: return std::nullopt;
  }
}

// A constant the mode may quantize: float32, dense, not a variable, and large enough.
bool quantizable(const ir::Tensor& t, int32_t axis) {
  return t.type == ElementType::kFloat32 && t.is_constant() && !t.sparsity && !t.is_variable &&
         num_elements(t.shape) >= kDynamicMinWeightElements &&
         axis < static_cast<int32_t>(t.shape.size());
}

// The hybrid kernels of these ops quantize their input asymmetrically per row when the option is
// set; the converter sets it (RequireAsymmetricQuantizeInputsAttr). CONV_2D and DEPTHWISE_CONV_2D
// have no such option.
void set_asymmetric_inputs(ir::Op& op) {
  if (op.builtin == Op::FULLY_CONNECTED)
    ir::mutable_options<tflite::FullyConnectedOptionsT>(op).asymmetric_quantize_inputs = true;
  else if (op.builtin == Op::BATCH_MATMUL)
    ir::mutable_options<tflite::BatchMatMulOptionsT>(op).asymmetric_quantize_inputs = true;
}

// TFLite's hybrid CONV_2D and DEPTHWISE_CONV_2D refuse to prepare without a bias ("Tensor at index
// 2 was optional but was expected", LiteRT.js 2.5.3), so a hybrid convolution gets a zero float
// bias.
void add_zero_bias(ir::Subgraph& g, ir::Op& op) {
  if (op.builtin != Op::CONV_2D && op.builtin != Op::DEPTHWISE_CONV_2D) return;
  if (op.inputs.size() > 2 && op.inputs[2] >= 0) return;
  const ir::Tensor& w = g.tensors[static_cast<size_t>(op.inputs[1])];
  if (w.shape.size() != 4) return;  // the kernel names the bad filter
  const int32_t channels = op.builtin == Op::CONV_2D ? w.shape[0] : w.shape[3];
  const std::string name = g.tensors[static_cast<size_t>(op.outputs[0])].name + "_zero_bias";
  const int32_t bias = ir::add_tensor(
      g, ir::float_constant(name, {channels},
                            std::vector<float>(static_cast<size_t>(channels), 0.0f)));
  op.inputs.resize(3, -1);
  op.inputs[2] = bias;
}

class DynamicPass {
 public:
  DynamicPass(ir::Subgraph& g, bool per_tensor, QuantizeReport& report)
      : g_(g), per_tensor_(per_tensor), report_(report), original_(g.tensors.size()) {}

  ir::TensorMap run() {
    std::vector<ir::Op> ops;
    for (ir::Op& op : g_.ops) {
      const bool quantized = quantize_op(op, ops);
      ++(quantized ? report_.quantized_ops : report_.float_ops)[ir::op_name(op)];
      ops.push_back(std::move(op));
    }
    g_.ops = std::move(ops);
    return ir::remove_unused(g_);
  }

 private:
  // Rewires op's weight to its int8 copy (through a DEQUANTIZE appended to `ops` when the op has no
  // hybrid kernel); false when the op keeps float weights.
  bool quantize_op(ir::Op& op, std::vector<ir::Op>& ops) {
    const std::optional<WeightUse> use = weight_use(op, per_tensor_);
    if (!use || use->input >= static_cast<int32_t>(op.inputs.size())) return false;
    const int32_t weight = op.inputs[static_cast<size_t>(use->input)];
    if (weight < 0 || static_cast<size_t>(weight) >= original_ ||
        !quantizable(g_.tensors[static_cast<size_t>(weight)], use->axis))
      return false;
    const int32_t q = int8_copy(weight, *use);
    if (use->reader == Reader::kHybrid) {
      op.inputs[static_cast<size_t>(use->input)] = q;
      set_asymmetric_inputs(op);
      add_zero_bias(g_, op);
    } else {
      op.inputs[static_cast<size_t>(use->input)] = dequantized(q, ops);
    }
    return true;
  }

  // The int8 copy of constant `weight` with the scales `use` asks for, made once: a constant
  // shared by several ops is quantized once per kind of scales they need (as the converter does).
  int32_t int8_copy(int32_t weight, const WeightUse& use) {
    const auto key = std::make_pair(weight, use.key());
    if (auto it = int8_.find(key); it != int8_.end()) return it->second;
    const ir::Tensor& t = g_.tensors[static_cast<size_t>(weight)];
    // A second copy of the same constant (other scales) gets a name of its own.
    const bool first = std::none_of(int8_.begin(), int8_.end(),
                                    [&](const auto& kv) { return kv.first.first == weight; });
    std::string name = t.name;
    if (!first) name += use.one_scale || use.axis < 0 ? "_per_tensor" : cat("_axis", use.axis);
    ir::Tensor q = quantize_weights(t, use.axis, use.one_scale);
    q.name = std::move(name);
    return int8_[key] = ir::add_tensor(g_, std::move(q));
  }

  // The float32 output of a DEQUANTIZE of int8 tensor `q`, appended to `ops` before its first
  // reader.
  int32_t dequantized(int32_t q, std::vector<ir::Op>& ops) {
    if (auto it = dequantized_.find(q); it != dequantized_.end()) return it->second;
    const ir::Tensor& t = g_.tensors[static_cast<size_t>(q)];
    ir::Tensor widened;
    widened.name = t.name + "_dequantize";
    widened.shape = t.shape;
    widened.shape_signature = t.shape_signature;
    widened.has_rank = t.has_rank;
    ir::Op op;
    op.builtin = Op::DEQUANTIZE;
    op.inputs = {q};
    op.outputs = {ir::add_tensor(g_, std::move(widened))};
    ops.push_back(std::move(op));
    return dequantized_[q] = ops.back().outputs[0];
  }

  ir::Subgraph& g_;
  bool per_tensor_;
  QuantizeReport& report_;
  size_t original_;  // tensors before the pass: only those are candidates
  // (float constant, its scales) -> int8 copy
  std::map<std::pair<int32_t, std::tuple<int32_t, bool>>, int32_t> int8_;
  std::map<int32_t, int32_t> dequantized_;  // int8 copy -> DEQUANTIZE output
};

}  // namespace

void quantize_dynamic(ir::Model& model, const QuantizeOptions& options, QuantizeReport& report) {
  // On a copy: a weight that cannot be quantized (NaN, truncated data) leaves the model as it was.
  ir::Model result = model;
  QuantizeReport counts = report;
  // Weights passed into IF branches as operands (hey_jarvis) become branch constants, so that the
  // branches' ops can take int8 weights.
  ir::move_if_constants_into_branches(result);
  for (size_t i = 0; i < result.subgraphs.size(); ++i) {
    DynamicPass pass(result.subgraphs[i], options.per_tensor, counts);
    ir::remap_signatures(result, static_cast<int>(i), pass.run());
  }
  model = std::move(result);
  report = std::move(counts);
}

DynamicWeights dynamic_weights(tflite::BuiltinOperator op) {
  ir::Op probe;
  probe.builtin = op;
  const std::optional<WeightUse> use = weight_use(probe, false);
  if (!use) return DynamicWeights::kNone;
  return use->reader == Reader::kHybrid ? DynamicWeights::kHybrid : DynamicWeights::kDequantize;
}

}  // namespace lq::quant
