// optimize_transposes (passes.h). The ONNX importer leaves TRANSPOSE(0,2,3,1) -> NHWC op ->
// TRANSPOSE(0,3,1,2) around every layout-sensitive op. Two phases, each to a fixed point:
//
// 1. Moving: a TRANSPOSE is pushed down through a layout-agnostic op X when every non-constant data
//    input of X comes from a TRANSPOSE with the same perm: X reads the transposes' inputs, constant
//    inputs are rewritten into that layout (new tensors), X writes a new tensor and a new TRANSPOSE
//    after X writes X's old output, so X's readers do not change. A TRANSPOSE of a TRANSPOSE's
//    output reads the first one's input with the composed perm, and disappears when that is the
//    identity. A TRANSPOSE (keeping dimension 0) before a flatten into FULLY_CONNECTED with
//    constant weights is dropped by permuting the weight columns.
// 2. Tidying: a TRANSPOSE that moves only size-1 dimensions becomes a RESHAPE, a RESHAPE of a
//    RESHAPE's output reads the first one's input, and a RESHAPE that keeps the shape disappears.
//    This runs second so that such transposes still move (and cancel) in phase 1.
//
// Pushing is greedy: a TRANSPOSE read by several ops is pushed into each of them that qualifies and
// stays for the rest. Where a pushed copy then meets no TRANSPOSE to cancel, the graph can end with
// more TRANSPOSEs than it began with; in imported graphs the copies meet the next op's wrapping
// transpose and cancel.
#include <algorithm>

#include "ir/graph_edit.h"
#include "ir/passes.h"

namespace lq::ir {
namespace {

using tflite::BuiltinOperator;

// How an op runs in another layout.
enum class Agnostic {
  kNo,
  kElementwise,  // every input is data, broadcast against the others
  kConcat,       // every input is data; the axis option follows the layout
  kReduce,       // input 0 is data; the constant axes (input 1) follow; keep_dims only
  kPad,          // input 0 is data; the rows of the constant paddings (input 1) follow
};

Agnostic agnostic_kind(const Op& op) {
  switch (op.builtin) {
    case BuiltinOperator::RELU:
    case BuiltinOperator::RELU6:
    case BuiltinOperator::RELU_N1_TO_1:
    case BuiltinOperator::RELU_0_TO_1:
    case BuiltinOperator::LOGISTIC:
    case BuiltinOperator::TANH:
    case BuiltinOperator::HARD_SWISH:
    case BuiltinOperator::LEAKY_RELU:
    case BuiltinOperator::ELU:
    case BuiltinOperator::GELU:
    case BuiltinOperator::EXP:
    case BuiltinOperator::LOG:
    case BuiltinOperator::SQRT:
    case BuiltinOperator::RSQRT:
    case BuiltinOperator::ABS:
    case BuiltinOperator::NEG:
    case BuiltinOperator::SQUARE:
    case BuiltinOperator::FLOOR:
    case BuiltinOperator::CEIL:
    case BuiltinOperator::ROUND:
    case BuiltinOperator::SIN:
    case BuiltinOperator::COS:
    case BuiltinOperator::CAST:
    case BuiltinOperator::ADD:
    case BuiltinOperator::SUB:
    case BuiltinOperator::MUL:
    case BuiltinOperator::DIV:
    case BuiltinOperator::MAXIMUM:
    case BuiltinOperator::MINIMUM:
    case BuiltinOperator::POW:
    case BuiltinOperator::SQUARED_DIFFERENCE:
    case BuiltinOperator::PRELU:
    case BuiltinOperator::EQUAL:
    case BuiltinOperator::NOT_EQUAL:
    case BuiltinOperator::LESS:
    case BuiltinOperator::LESS_EQUAL:
    case BuiltinOperator::GREATER:
    case BuiltinOperator::GREATER_EQUAL:
    case BuiltinOperator::SELECT_V2: return Agnostic::kElementwise;
    case BuiltinOperator::CONCATENATION: return Agnostic::kConcat;
    case BuiltinOperator::MEAN:
    case BuiltinOperator::SUM:
    case BuiltinOperator::REDUCE_MAX:
    case BuiltinOperator::REDUCE_MIN:
    case BuiltinOperator::REDUCE_PROD:
      // Without keep_dims the rank drops, and no single perm describes the output.
      return options_or_default<tflite::ReducerOptionsT>(op).keep_dims ? Agnostic::kReduce
                                                                       : Agnostic::kNo;
    case BuiltinOperator::PAD:
    case BuiltinOperator::PADV2:
    case BuiltinOperator::MIRROR_PAD: return Agnostic::kPad;
    default: return Agnostic::kNo;
  }
}

size_t data_input_count(Agnostic kind, const Op& op) {
  return kind == Agnostic::kElementwise || kind == Agnostic::kConcat ? op.inputs.size() : 1;
}

int64_t normalize_axis(int64_t axis, size_t rank) {
  return axis < 0 ? axis + static_cast<int64_t>(rank) : axis;
}

bool axis_in_range(int64_t axis, size_t rank) {
  return axis >= -static_cast<int64_t>(rank) && axis < static_cast<int64_t>(rank);
}

int32_t perm_constant(Subgraph& g, const std::string& name, const Perm& perm) {
  const std::vector<int64_t> values(perm.begin(), perm.end());
  return add_tensor(g, int_constant(derived_name(name, "/perm"), ElementType::kInt32,
                                    {static_cast<int32_t>(perm.size())}, values));
}

// ---- Phase 1: pushing transposes through layout-agnostic ops

struct InputTransposes {
  Perm perm;
  int32_t perm_tensor = -1;  // the constant holding perm, shared by the transpose pushed below
};

// The perm of the TRANSPOSEs writing every non-constant data input of op, when there is at least
// one and all agree.
std::optional<InputTransposes> shared_transposes(const Subgraph& g, size_t index,
                                                 size_t data_inputs) {
  const Op& op = g.ops[index];
  std::optional<InputTransposes> shared;
  for (size_t k = 0; k < data_inputs; ++k) {
    const int32_t t = op.inputs[k];
    if (t < 0 || is_constant(g, t)) continue;
    const int writer = producer(g, t, index);
    if (writer < 0) return std::nullopt;
    std::optional<Perm> perm = transpose_perm(g, g.ops[writer]);
    if (!perm || (shared && *perm != shared->perm)) return std::nullopt;
    if (!shared) shared = InputTransposes{std::move(*perm), g.ops[writer].inputs[1]};
  }
  return shared;
}

// Elementwise constants broadcast, so they may have a lower rank (leading 1s are implied);
// CONCATENATION joins whole tensors of the output's rank.
bool constant_fits(const Tensor& c, Agnostic kind, size_t rank) {
  if (c.sparsity || element_size(c.type) == 0 || c.shape.size() > rank) return false;
  return kind == Agnostic::kElementwise || c.shape.size() == rank;
}

bool params_fit(const Subgraph& g, const Op& op, Agnostic kind, size_t rank) {
  switch (kind) {
    case Agnostic::kConcat:
      return axis_in_range(options_or_default<tflite::ConcatenationOptionsT>(op).axis, rank);
    case Agnostic::kReduce: {
      if (op.inputs.size() != 2 || !is_constant(g, op.inputs[1])) return false;
      const auto axes = read_ints(g.tensors[op.inputs[1]]);
      return axes && std::ranges::all_of(*axes, [&](int64_t a) { return axis_in_range(a, rank); });
    }
    case Agnostic::kPad: {
      if (op.inputs.size() < 2 || !is_constant(g, op.inputs[1])) return false;
      const auto paddings = read_ints(g.tensors[op.inputs[1]]);
      return paddings && paddings->size() == 2 * rank;
    }
    default: return true;
  }
}

bool can_push(const Subgraph& g, const Op& op, Agnostic kind, size_t rank) {
  if (g.tensors[op.outputs[0]].shape.size() != rank || !params_fit(g, op, kind, rank)) return false;
  for (size_t k = 0; k < data_input_count(kind, op); ++k) {
    const int32_t t = op.inputs[k];
    if (is_constant(g, t) && !constant_fits(g.tensors[t], kind, rank)) return false;
  }
  return true;
}

// The constant, expanded to the perm's rank with leading 1s, in the layout before the transposes
// (a new tensor); a one-element constant broadcasts in any layout and stays.
int32_t untransposed_constant(Subgraph& g, int32_t index, const Perm& perm) {
  const Tensor& c = g.tensors[index];
  if (num_elements(c.shape) == 1) return index;
  const size_t missing = perm.size() - c.shape.size();
  Tensor full = c;
  full.shape.insert(full.shape.begin(), missing, 1);
  full.shape_signature.clear();
  if (full.quant.per_axis()) full.quant.axis += static_cast<int32_t>(missing);
  Tensor moved = untransposed_like(full, perm);
  moved.name = derived_name(moved.name, "/untransposed");
  moved.data = transpose_data(full.data, element_size(full.type), full.shape, inverse(perm));
  return add_tensor(g, std::move(moved));
}

// Axes of the transposed layout name dimensions perm[axis] before it.
int32_t untransposed_axes(Subgraph& g, int32_t index, const Perm& perm) {
  const Tensor& axes = g.tensors[index];
  std::vector<int64_t> values = *read_ints(axes);
  for (int64_t& a : values) a = perm[normalize_axis(a, perm.size())];
  Tensor moved =
      int_constant(derived_name(axes.name, "/untransposed"), axes.type, axes.shape, values);
  return add_tensor(g, std::move(moved));
}

// Row d of the paddings pads dimension perm[d] before the transpose.
int32_t untransposed_paddings(Subgraph& g, int32_t index, const Perm& perm) {
  const Tensor& paddings = g.tensors[index];
  const std::vector<int64_t> values = *read_ints(paddings);
  std::vector<int64_t> moved(values.size());
  for (size_t d = 0; d < perm.size(); ++d)
    for (size_t side = 0; side < 2; ++side) moved[2 * perm[d] + side] = values[2 * d + side];
  Tensor t = int_constant(derived_name(paddings.name, "/untransposed"), paddings.type,
                          paddings.shape, moved);
  return add_tensor(g, std::move(t));
}

void untranspose_inputs(Subgraph& g, size_t index, Agnostic kind, const Perm& perm) {
  for (size_t k = 0; k < data_input_count(kind, g.ops[index]); ++k) {
    const int32_t t = g.ops[index].inputs[k];
    if (t < 0) continue;
    g.ops[index].inputs[k] = is_constant(g, t) ? untransposed_constant(g, t, perm)
                                               : g.ops[producer(g, t, index)].inputs[0];
  }
  Op& op = g.ops[index];
  if (kind == Agnostic::kConcat) {
    auto& options = mutable_options<tflite::ConcatenationOptionsT>(op);
    options.axis = perm[normalize_axis(options.axis, perm.size())];
  } else if (kind == Agnostic::kReduce) {
    op.inputs[1] = untransposed_axes(g, op.inputs[1], perm);
  } else if (kind == Agnostic::kPad) {
    op.inputs[1] = untransposed_paddings(g, op.inputs[1], perm);
  }
}

// The op writes a new tensor in the untransposed layout; a new TRANSPOSE after it writes the old
// output, so readers and graph outputs keep their tensor.
void transpose_output(Subgraph& g, size_t index, const InputTransposes& from) {
  const int32_t out = g.ops[index].outputs[0];
  Tensor before = untransposed_like(g.tensors[out], from.perm);
  before.name = derived_name(before.name, "/pre_transpose");
  const int32_t moved = add_tensor(g, std::move(before));
  g.ops[index].outputs[0] = moved;
  Op transpose;
  transpose.builtin = BuiltinOperator::TRANSPOSE;
  transpose.inputs = {moved, from.perm_tensor};
  transpose.outputs = {out};
  transpose.options.Set(tflite::TransposeOptionsT{});
  insert_op(g, index + 1, std::move(transpose));
}

bool push_transposes(Subgraph& g, size_t index) {
  const Op& op = g.ops[index];
  const Agnostic kind = agnostic_kind(op);
  if (kind == Agnostic::kNo || op.outputs.size() != 1 || op.outputs[0] < 0) return false;
  const std::optional<InputTransposes> from =
      shared_transposes(g, index, data_input_count(kind, op));
  if (!from || !can_push(g, op, kind, from->perm.size())) return false;
  untranspose_inputs(g, index, kind, from->perm);
  transpose_output(g, index, *from);
  return true;
}

// ---- Phase 1: cancelling transposes

// TRANSPOSE(q) of TRANSPOSE(p)'s output reads p's input, with the composed perm.
bool compose_with_producer(Subgraph& g, size_t index) {
  const std::optional<Perm> second = transpose_perm(g, g.ops[index]);
  const int writer = second ? producer(g, g.ops[index].inputs[0], index) : -1;
  if (writer < 0) return false;
  const std::optional<Perm> first = transpose_perm(g, g.ops[writer]);
  if (!first) return false;
  const int32_t source = g.ops[writer].inputs[0];
  const std::string name = g.tensors[g.ops[index].outputs[0]].name;
  const int32_t perm = perm_constant(g, name, compose(*first, *second));
  g.ops[index].inputs = {source, perm};
  return true;
}

// A FULLY_CONNECTED op reading `flat` as its data input, with constant weights [units, depth].
bool reads_with_constant_weights(const Subgraph& g, const Op& op, int32_t flat, int32_t depth) {
  if (op.builtin != BuiltinOperator::FULLY_CONNECTED || op.inputs.size() < 2 ||
      op.inputs[0] != flat || std::ranges::count(op.inputs, flat) != 1 ||
      !is_constant(g, op.inputs[1]))
    return false;
  const Tensor& w = g.tensors[op.inputs[1]];
  return !w.sparsity && element_size(w.type) > 0 && w.shape.size() == 2 && w.shape[1] == depth &&
         options_or_default<tflite::FullyConnectedOptionsT>(op).weights_format ==
             tflite::FullyConnectedOptionsWeightsFormat::DEFAULT;
}

// Column k of the weights multiplies element k of the flattened transposed data; seen as
// [units, transposed dims 1..], moving the columns by the inverse perm lines them up with the
// untransposed data (perm[0] == 0, so the units stay first). A new tensor.
void permute_weight_columns(Subgraph& g, size_t fc, Shape transposed_shape, const Perm& perm) {
  const Tensor& w = g.tensors[g.ops[fc].inputs[1]];
  Shape grid = std::move(transposed_shape);
  grid[0] = w.shape[0];
  Tensor moved;
  moved.name = derived_name(w.name, "/reordered");
  moved.type = w.type;
  moved.shape = w.shape;
  moved.quant = w.quant;  // per-axis quantization is along the units, which stay
  moved.has_rank = true;
  moved.data = transpose_data(w.data, element_size(w.type), grid, inverse(perm));
  g.ops[fc].inputs[1] = add_tensor(g, std::move(moved));
}

// The RESHAPE writing the FULLY_CONNECTED op's input, when it flattens a TRANSPOSE's output
// (perm[0] == 0) to [batch, depth] and only FULLY_CONNECTED ops with constant weights read it.
struct Flatten {
  size_t reshape = 0, transpose = 0;
  Perm perm;
};

std::optional<Flatten> transposed_flatten(const Subgraph& g, size_t fc) {
  const int32_t flat = g.ops[fc].inputs.empty() ? -1 : g.ops[fc].inputs[0];
  const int reshape = flat < 0 ? -1 : producer(g, flat, fc);
  if (reshape < 0 || g.ops[reshape].builtin != BuiltinOperator::RESHAPE ||
      g.ops[reshape].inputs.empty() || g.ops[reshape].inputs[0] < 0)
    return std::nullopt;
  const int32_t transposed = g.ops[reshape].inputs[0];
  const int transpose = producer(g, transposed, static_cast<size_t>(reshape));
  std::optional<Perm> perm = transpose < 0 ? std::nullopt : transpose_perm(g, g.ops[transpose]);
  if (!perm || (*perm)[0] != 0) return std::nullopt;
  const Shape& in = g.tensors[transposed].shape;
  const Shape& out = g.tensors[flat].shape;
  if (in.size() < 2 || out.size() != 2 || out[0] != in[0] || is_graph_output(g, flat))
    return std::nullopt;
  const std::vector<size_t> readers = consumers(g, flat, static_cast<size_t>(reshape) + 1);
  if (!std::ranges::all_of(readers, [&](size_t i) {
        return reads_with_constant_weights(g, g.ops[i], flat, out[1]);
      }))
    return std::nullopt;
  return Flatten{static_cast<size_t>(reshape), static_cast<size_t>(transpose), std::move(*perm)};
}

// TRANSPOSE (perm[0] == 0) -> RESHAPE [N, K] -> FULLY_CONNECTED: the flatten of an NCHW tensor
// before a classifier. The reshape reads the untransposed tensor and the weights of every
// FULLY_CONNECTED reading it follow; the transpose stays only for other readers.
bool drop_transpose_before_flatten(Subgraph& g, size_t fc) {
  const std::optional<Flatten> flatten = transposed_flatten(g, fc);
  if (!flatten) return false;
  const Op& transpose = g.ops[flatten->transpose];
  const Shape transposed_shape = g.tensors[transpose.outputs[0]].shape;
  const int32_t flat = g.ops[flatten->reshape].outputs[0];
  for (size_t reader : consumers(g, flat, flatten->reshape + 1))
    permute_weight_columns(g, reader, transposed_shape, flatten->perm);
  g.ops[flatten->reshape].inputs[0] = transpose.inputs[0];
  return true;
}

bool simplify_transpose(Subgraph& g, size_t index) {
  const bool composed = compose_with_producer(g, index);
  const std::optional<Perm> perm = transpose_perm(g, g.ops[index]);
  if (perm && is_identity(*perm) && remove_copy_op(g, index)) return true;
  return composed;
}

bool move_transposes(Subgraph& g, size_t index) {
  switch (g.ops[index].builtin) {
    case BuiltinOperator::TRANSPOSE: return simplify_transpose(g, index);
    case BuiltinOperator::FULLY_CONNECTED: return drop_transpose_before_flatten(g, index);
    default: return push_transposes(g, index);
  }
}

// ---- Phase 2: reshapes

// The data order stays when the dimensions that are not 1 keep their order.
bool moves_only_unit_dims(const Shape& in, const Perm& perm) {
  int32_t last = -1;
  for (int32_t p : perm) {
    if (in[p] == 1) continue;
    if (p < last) return false;
    last = p;
  }
  return true;
}

bool transpose_to_reshape(Subgraph& g, size_t index) {
  const std::optional<Perm> perm = transpose_perm(g, g.ops[index]);
  if (!perm || !moves_only_unit_dims(g.tensors[g.ops[index].inputs[0]].shape, *perm)) return false;
  const Tensor& out = g.tensors[g.ops[index].outputs[0]];
  const Shape shape = out.shape;
  const std::vector<int64_t> values(shape.begin(), shape.end());
  Tensor shape_tensor = int_constant(derived_name(out.name, "/shape"), ElementType::kInt32,
                                     {static_cast<int32_t>(shape.size())}, values);
  Op reshape;
  reshape.builtin = BuiltinOperator::RESHAPE;
  reshape.inputs = {g.ops[index].inputs[0], add_tensor(g, std::move(shape_tensor))};
  reshape.outputs = g.ops[index].outputs;
  tflite::ReshapeOptionsT options;
  options.new_shape = shape;
  reshape.options.Set(std::move(options));
  g.ops[index] = std::move(reshape);
  return true;
}

// Only the element count of a reshape's input matters, so a reshape may skip an earlier one.
bool skip_reshape_input(Subgraph& g, size_t index) {
  const Op& op = g.ops[index];
  const int writer = op.inputs.empty() || op.inputs[0] < 0 ? -1 : producer(g, op.inputs[0], index);
  if (writer < 0 || g.ops[writer].builtin != BuiltinOperator::RESHAPE ||
      g.ops[writer].inputs.empty() || g.ops[writer].inputs[0] < 0)
    return false;
  g.ops[index].inputs[0] = g.ops[writer].inputs[0];
  return true;
}

bool simplify_reshape(Subgraph& g, size_t index) {
  const bool skipped = skip_reshape_input(g, index);
  const Op& op = g.ops[index];
  const bool same_shape = !op.inputs.empty() && op.inputs[0] >= 0 && op.outputs.size() == 1 &&
                          g.tensors[op.inputs[0]].shape == g.tensors[op.outputs[0]].shape;
  if (same_shape && remove_copy_op(g, index)) return true;
  return skipped;
}

bool tidy_reshapes(Subgraph& g, size_t index) {
  switch (g.ops[index].builtin) {
    case BuiltinOperator::TRANSPOSE: return transpose_to_reshape(g, index);
    case BuiltinOperator::RESHAPE: return simplify_reshape(g, index);
    default: return false;
  }
}

// Applies `rewrite` at every op until a sweep changes nothing. Every rewrite moves transposes down
// or removes work, so this ends; the cap only guards against a bug making two rewrites undo each
// other, and stopping early is safe because every rewrite leaves a valid graph.
void rewrite_to_fixed_point(Subgraph& g, bool (*rewrite)(Subgraph&, size_t)) {
  constexpr int kMaxSweeps = 1000;
  for (int sweep = 0; sweep < kMaxSweeps; ++sweep) {
    bool changed = false;
    // Ops inserted after index i are visited in the same sweep; an op removed before it makes the
    // sweep skip one op, which the next sweep visits.
    for (size_t i = 0; i < g.ops.size(); ++i)
      if (rewrite(g, i)) changed = true;
    if (!changed) return;
  }
}

}  // namespace

TensorMap optimize_transposes(Subgraph& g) {
  rewrite_to_fixed_point(g, move_transposes);
  rewrite_to_fixed_point(g, tidy_reshapes);
  return remove_unused(g);
}

}  // namespace lq::ir
