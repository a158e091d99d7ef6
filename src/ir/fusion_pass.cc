// fold_batch_norm and fuse_activations (passes.h): ops that follow a conv, FC or arithmetic op and
// only adjust its output move into it. Imported batch norm arrives as MUL and ADD by per-channel
// constants (once optimize_transposes has moved them into NHWC, the constants broadcast along the
// last dimension), Relu and Clip as RELU/RELU6 or MAXIMUM/MINIMUM.
#include <algorithm>
#include <limits>

#include "ir/graph_edit.h"
#include "ir/passes.h"

namespace lq::ir {
namespace {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

// ---- fold_batch_norm

bool is_dense_float_constant(const Subgraph& g, int32_t t) {
  return is_constant(g, t) && g.tensors[t].type == ElementType::kFloat32 && !g.tensors[t].sparsity;
}

// An op computing output channel c as sum(weights[c] * input) + bias[c], with constant float
// weights: where the channel lies in the weights, and how many channels there are.
struct Affine {
  size_t axis = 0;
  int32_t channels = 0;
};

std::optional<size_t> channel_axis(BuiltinOperator code) {
  switch (code) {
    case BuiltinOperator::CONV_2D: return 0;            // [out, h, w, in]
    case BuiltinOperator::DEPTHWISE_CONV_2D: return 3;  // [1, h, w, out]
    case BuiltinOperator::FULLY_CONNECTED: return 0;    // [units, depth]
    default: return std::nullopt;
  }
}

std::optional<Affine> foldable(const Subgraph& g, const Op& op) {
  const std::optional<size_t> axis = channel_axis(op.builtin);
  if (!axis || op.inputs.size() < 2 || op.inputs.size() > 3 || op.outputs.size() != 1 ||
      op.outputs[0] < 0 || fused_activation(op) != ActivationFunctionType::NONE ||
      !is_dense_float_constant(g, op.inputs[1]) ||
      g.tensors[op.outputs[0]].type != ElementType::kFloat32)
    return std::nullopt;
  if (op.builtin == BuiltinOperator::FULLY_CONNECTED &&
      options_or_default<tflite::FullyConnectedOptionsT>(op).weights_format !=
          tflite::FullyConnectedOptionsWeightsFormat::DEFAULT)
    return std::nullopt;
  const Shape& weights = g.tensors[op.inputs[1]].shape;
  if (weights.size() != (op.builtin == BuiltinOperator::FULLY_CONNECTED ? 2u : 4u))
    return std::nullopt;
  const Affine affine{*axis, weights[*axis]};
  const int32_t bias = op.inputs.size() == 3 ? op.inputs[2] : -1;
  if (bias >= 0 &&
      (!is_dense_float_constant(g, bias) || num_elements(g.tensors[bias].shape) != affine.channels))
    return std::nullopt;
  return affine;
}

// One value per channel from a constant that broadcasts along the last dimension only ([C],
// [1, ..., 1, C] or one element) and not beyond the output's rank.
std::optional<std::vector<float>> per_channel(const Tensor& c, int32_t channels, size_t out_rank) {
  if (c.type != ElementType::kFloat32 || c.sparsity || c.shape.size() > out_rank)
    return std::nullopt;
  const int64_t count = num_elements(c.shape);
  if (count == 1) return std::vector<float>(static_cast<size_t>(channels), read_floats(c)[0]);
  if (count != channels || c.shape.back() != channels) return std::nullopt;
  return read_floats(c);
}

// A MUL (scale) or ADD/SUB (shift) of the op's output by per-channel constants.
struct ChannelStep {
  bool scale = false;
  std::vector<float> values;  // negated for SUB
};

std::optional<ChannelStep> channel_step(const Subgraph& g, const Op& op, int32_t y,
                                        const Affine& affine) {
  const bool sub = op.builtin == BuiltinOperator::SUB;
  if ((op.builtin != BuiltinOperator::MUL && op.builtin != BuiltinOperator::ADD && !sub) ||
      op.inputs.size() != 2 || op.outputs.size() != 1)
    return std::nullopt;
  const size_t k = op.inputs[0] == y ? 1 : 0;  // the constant's position; SUB only as y - c
  if (op.inputs[1 - k] != y || op.inputs[k] == y || (sub && k != 1) ||
      !is_constant(g, op.inputs[k]) || g.tensors[op.outputs[0]].shape != g.tensors[y].shape)
    return std::nullopt;
  std::optional<std::vector<float>> values =
      per_channel(g.tensors[op.inputs[k]], affine.channels, g.tensors[y].shape.size());
  if (!values) return std::nullopt;
  if (sub)
    for (float& v : *values) v = -v;
  return ChannelStep{op.builtin == BuiltinOperator::MUL, std::move(*values)};
}

// Weights scaled per output channel, as a new tensor.
int32_t scaled_weights(Subgraph& g, int32_t index, const Affine& affine,
                       const std::vector<float>& scale) {
  const Tensor& w = g.tensors[index];
  std::vector<float> values = read_floats(w);
  int64_t inner = 1;  // elements per step along the channel axis
  for (size_t d = affine.axis + 1; d < w.shape.size(); ++d) inner *= w.shape[d];
  for (size_t i = 0; i < values.size(); ++i)
    values[i] *= scale[static_cast<size_t>(static_cast<int64_t>(i) / inner % affine.channels)];
  Tensor scaled = float_constant(derived_name(w.name, "/folded"), w.shape, values);
  return add_tensor(g, std::move(scaled));
}

void fold_step(Subgraph& g, size_t index, const Affine& affine, const ChannelStep& step) {
  Op& op = g.ops[index];
  const bool has_bias = op.inputs.size() == 3 && op.inputs[2] >= 0;
  std::vector<float> bias = has_bias ? read_floats(g.tensors[op.inputs[2]])
                                     : std::vector<float>(static_cast<size_t>(affine.channels));
  const std::string bias_name = has_bias ? derived_name(g.tensors[op.inputs[2]].name, "/folded")
                                         : derived_name(g.tensors[op.outputs[0]].name, "/bias");
  if (step.scale) op.inputs[1] = scaled_weights(g, op.inputs[1], affine, step.values);
  for (size_t c = 0; c < bias.size(); ++c)
    bias[c] = step.scale ? bias[c] * step.values[c] : bias[c] + step.values[c];
  op.inputs.resize(3);
  op.inputs[2] = add_tensor(g, float_constant(bias_name, {affine.channels}, bias));
}

// Folds the op's sole reader when it is a per-channel MUL/ADD/SUB; that reader's fused activation
// moves to the op (which ends the chain: the next step needs NONE).
bool fold_next(Subgraph& g, size_t index) {
  const std::optional<Affine> affine = foldable(g, g.ops[index]);
  const int next = affine ? sole_consumer(g, g.ops[index].outputs[0], index + 1) : -1;
  if (next < 0) return false;
  const std::optional<ChannelStep> step =
      channel_step(g, g.ops[next], g.ops[index].outputs[0], *affine);
  if (!step) return false;
  fold_step(g, index, *affine, *step);
  const ActivationFunctionType activation = fused_activation(g.ops[next]);
  if (activation != ActivationFunctionType::NONE) set_fused_activation(g.ops[index], activation);
  absorb_consumer(g, index, static_cast<size_t>(next));
  return true;
}

// ---- fuse_activations

bool can_take_activation(const Op& op) {
  switch (op.builtin) {
    case BuiltinOperator::CONV_2D:
    case BuiltinOperator::DEPTHWISE_CONV_2D:
    case BuiltinOperator::FULLY_CONNECTED:
    case BuiltinOperator::ADD:
    case BuiltinOperator::SUB:
    case BuiltinOperator::MUL:
      return op.outputs.size() == 1 && op.outputs[0] >= 0 &&
             fused_activation(op) == ActivationFunctionType::NONE;
    default: return false;
  }
}

constexpr float kInf = std::numeric_limits<float>::infinity();

struct Clamp {
  float lo = -kInf, hi = kInf;
};

// The clamp an op applies to `in`: RELU, RELU6, RELU_N1_TO_1, or MAXIMUM/MINIMUM with a
// one-element float constant, keeping the shape and type.
std::optional<Clamp> clamp_of(const Subgraph& g, const Op& op, int32_t in) {
  if (op.outputs.size() != 1 || op.outputs[0] < 0 ||
      g.tensors[op.outputs[0]].shape != g.tensors[in].shape ||
      g.tensors[op.outputs[0]].type != g.tensors[in].type)
    return std::nullopt;
  const bool unary = op.inputs.size() == 1 && op.inputs[0] == in;
  switch (op.builtin) {
    case BuiltinOperator::RELU: return unary ? std::optional(Clamp{0.0f, kInf}) : std::nullopt;
    case BuiltinOperator::RELU6: return unary ? std::optional(Clamp{0.0f, 6.0f}) : std::nullopt;
    case BuiltinOperator::RELU_N1_TO_1:
      return unary ? std::optional(Clamp{-1.0f, 1.0f}) : std::nullopt;
    case BuiltinOperator::MAXIMUM:
    case BuiltinOperator::MINIMUM: break;
    default: return std::nullopt;
  }
  if (op.inputs.size() != 2 || std::ranges::count(op.inputs, in) != 1) return std::nullopt;
  const int32_t other = op.inputs[0] == in ? op.inputs[1] : op.inputs[0];
  if (!is_dense_float_constant(g, other) || num_elements(g.tensors[other].shape) != 1)
    return std::nullopt;
  const float bound = read_floats(g.tensors[other])[0];
  return op.builtin == BuiltinOperator::MAXIMUM ? Clamp{bound, kInf} : Clamp{-kInf, bound};
}

std::optional<ActivationFunctionType> as_activation(Clamp c) {
  if (c.lo == 0.0f && c.hi == kInf) return ActivationFunctionType::RELU;
  if (c.lo == 0.0f && c.hi == 6.0f) return ActivationFunctionType::RELU6;
  if (c.lo == -1.0f && c.hi == 1.0f) return ActivationFunctionType::RELU_N1_TO_1;
  return std::nullopt;
}

struct ActivationChain {
  std::vector<size_t> ops;
  ActivationFunctionType activation = ActivationFunctionType::NONE;
};

// The longest chain of clamps reading the op's output one after another (each tensor before the
// last read only by the next clamp) that together amount to a fused activation. Clamps compose
// while their ranges overlap: clamp(clamp(x, a, b), c, d) = clamp(x, max(a, c), min(b, d)).
std::optional<ActivationChain> activation_chain(const Subgraph& g, size_t index) {
  constexpr size_t kMaxLength = 3;
  std::optional<ActivationChain> best;
  std::vector<size_t> ops;
  Clamp total;
  size_t writer = index;
  for (int32_t t = g.ops[index].outputs[0]; ops.size() < kMaxLength;) {
    const int next = sole_consumer(g, t, writer + 1);
    const std::optional<Clamp> clamp = next < 0 ? std::nullopt : clamp_of(g, g.ops[next], t);
    if (!clamp) break;
    total = Clamp{std::max(total.lo, clamp->lo), std::min(total.hi, clamp->hi)};
    if (total.lo > total.hi) break;
    ops.push_back(static_cast<size_t>(next));
    if (const auto activation = as_activation(total)) best = ActivationChain{ops, *activation};
    t = g.ops[next].outputs[0];
    writer = static_cast<size_t>(next);
  }
  return best;
}

bool fuse_at(Subgraph& g, size_t index) {
  if (!can_take_activation(g.ops[index])) return false;
  std::optional<ActivationChain> chain = activation_chain(g, index);
  if (!chain) return false;
  set_fused_activation(g.ops[index], chain->activation);
  g.ops[index].outputs[0] = g.ops[chain->ops.back()].outputs[0];
  std::ranges::sort(chain->ops, std::greater<>());  // erase from the back: indices stay valid
  for (size_t op : chain->ops) g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(op));
  return true;
}

}  // namespace

TensorMap fold_batch_norm(Subgraph& g) {
  for (size_t i = 0; i < g.ops.size(); ++i)
    while (fold_next(g, i)) {
    }
  return remove_unused(g);
}

TensorMap fuse_activations(Subgraph& g) {
  for (size_t i = 0; i < g.ops.size(); ++i) fuse_at(g, i);
  return remove_unused(g);
}

}  // namespace lq::ir
