#include "ir/graph_edit.h"

#include <algorithm>
#include <cstring>
#include <type_traits>

#include "ir/passes.h"

namespace lq::ir {

using tflite::ActivationFunctionType;
using tflite::BuiltinOperator;

bool is_permutation(const Perm& perm) {
  std::vector<bool> seen(perm.size(), false);
  for (int32_t p : perm) {
    if (p < 0 || p >= static_cast<int32_t>(perm.size()) || seen[p]) return false;
    seen[p] = true;
  }
  return true;
}

bool is_identity(const Perm& perm) {
  for (size_t d = 0; d < perm.size(); ++d)
    if (perm[d] != static_cast<int32_t>(d)) return false;
  return true;
}

Perm inverse(const Perm& perm) {
  Perm result(perm.size());
  for (size_t d = 0; d < perm.size(); ++d) result[perm[d]] = static_cast<int32_t>(d);
  return result;
}

// Output dimension d of the second transpose is its input dimension second[d], which is dimension
// first[second[d]] of the original.
Perm compose(const Perm& first, const Perm& second) {
  Perm result(second.size());
  for (size_t d = 0; d < second.size(); ++d) result[d] = first[second[d]];
  return result;
}

Shape permute(const Shape& shape, const Perm& perm) {
  Shape result(perm.size());
  for (size_t d = 0; d < perm.size(); ++d) result[d] = shape[perm[d]];
  return result;
}

std::vector<uint8_t> transpose_data(const std::vector<uint8_t>& data, size_t element_size,
                                    const Shape& shape, const Perm& perm) {
  const size_t count = static_cast<size_t>(num_elements(shape));
  LQ_CHECK(data.size() == count * element_size, "constant of shape ", shape_string(shape), " has ",
           data.size(), " bytes, expected ", count * element_size);
  const Shape out_shape = permute(shape, perm);
  const std::vector<int64_t> in_strides = strides_of(shape);
  std::vector<int64_t> strides(perm.size());  // input stride of each output dimension
  for (size_t d = 0; d < perm.size(); ++d) strides[d] = in_strides[perm[d]];
  std::vector<uint8_t> out(data.size());
  std::vector<int32_t> index(perm.size(), 0);
  int64_t offset = 0;
  for (size_t i = 0; i < count; ++i) {
    std::memcpy(out.data() + i * element_size, data.data() + offset * element_size, element_size);
    for (size_t d = out_shape.size(); d-- > 0;) {  // odometer increment
      offset += strides[d];
      if (++index[d] < out_shape[d]) break;
      offset -= strides[d] * out_shape[d];
      index[d] = 0;
    }
  }
  return out;
}

Tensor untransposed_like(const Tensor& t, const Perm& perm) {
  const Perm back = inverse(perm);
  Tensor result;
  result.name = t.name;
  result.type = t.type;
  result.shape = permute(t.shape, back);
  if (t.shape_signature.size() == perm.size())
    result.shape_signature = permute(t.shape_signature, back);
  result.quant = t.quant;
  // Dimension d after the transpose is dimension perm[d] before it.
  if (t.quant.per_axis() && t.quant.axis >= 0 && t.quant.axis < static_cast<int32_t>(perm.size()))
    result.quant.axis = perm[t.quant.axis];
  result.has_rank = t.has_rank;
  return result;
}

int producer(const Subgraph& g, int32_t tensor, size_t before) {
  for (size_t i = std::min(before, g.ops.size()); i-- > 0;)
    if (std::ranges::find(g.ops[i].outputs, tensor) != g.ops[i].outputs.end())
      return static_cast<int>(i);
  return -1;
}

std::vector<size_t> consumers(const Subgraph& g, int32_t tensor, size_t from) {
  std::vector<size_t> result;
  for (size_t i = from; i < g.ops.size(); ++i)
    if (std::ranges::find(g.ops[i].inputs, tensor) != g.ops[i].inputs.end()) result.push_back(i);
  return result;
}

bool is_graph_output(const Subgraph& g, int32_t tensor) {
  return std::ranges::find(g.outputs, tensor) != g.outputs.end();
}

int sole_consumer(const Subgraph& g, int32_t tensor, size_t from) {
  if (is_graph_output(g, tensor)) return -1;
  const std::vector<size_t> readers = consumers(g, tensor, from);
  return readers.size() == 1 ? static_cast<int>(readers[0]) : -1;
}

bool is_constant(const Subgraph& g, int32_t tensor) {
  return tensor >= 0 && tensor < static_cast<int32_t>(g.tensors.size()) &&
         g.tensors[tensor].is_constant();
}

std::optional<Perm> transpose_perm(const Subgraph& g, const Op& op) {
  if (op.builtin != BuiltinOperator::TRANSPOSE || op.inputs.size() != 2 || op.outputs.size() != 1 ||
      op.inputs[0] < 0 || !is_constant(g, op.inputs[1]))
    return std::nullopt;
  const std::optional<std::vector<int64_t>> values = read_ints(g.tensors[op.inputs[1]]);
  const size_t rank = g.tensors[op.inputs[0]].shape.size();
  if (!values || values->size() != rank || rank == 0) return std::nullopt;
  Perm perm;
  for (int64_t v : *values) {
    if (v < 0 || v >= static_cast<int64_t>(rank)) return std::nullopt;
    perm.push_back(static_cast<int32_t>(v));
  }
  if (!is_permutation(perm)) return std::nullopt;
  return perm;
}

std::optional<std::vector<int64_t>> read_ints(const Tensor& t) {
  if (!t.is_constant() || t.sparsity) return std::nullopt;
  const size_t count = static_cast<size_t>(num_elements(t.shape));
  std::vector<int64_t> values(count);
  if (t.type == ElementType::kInt32 && t.data.size() == count * sizeof(int32_t)) {
    for (size_t i = 0; i < count; ++i) values[i] = t.data_as<int32_t>()[i];
  } else if (t.type == ElementType::kInt64 && t.data.size() == count * sizeof(int64_t)) {
    std::memcpy(values.data(), t.data.data(), t.data.size());
  } else {
    return std::nullopt;
  }
  return values;
}

std::vector<float> read_floats(const Tensor& t) {
  const size_t count = static_cast<size_t>(num_elements(t.shape));
  LQ_CHECK(t.is_constant() && !t.sparsity && t.type == ElementType::kFloat32 &&
               t.data.size() == count * sizeof(float),
           "tensor '", t.name, "' is not a dense float32 constant of shape ",
           shape_string(t.shape));
  std::vector<float> values(count);
  std::memcpy(values.data(), t.data.data(), t.data.size());
  return values;
}

Tensor int_constant(std::string name, ElementType type, Shape shape,
                    const std::vector<int64_t>& values) {
  LQ_CHECK(type == ElementType::kInt32 || type == ElementType::kInt64, "constant '", name,
           "': integer constants are int32 or int64, not ", element_type_name(type));
  Tensor t;
  t.name = std::move(name);
  t.type = type;
  t.shape = std::move(shape);
  t.has_rank = true;
  t.data.resize(values.size() * element_size(type));
  for (size_t i = 0; i < values.size(); ++i) {
    if (type == ElementType::kInt32) {
      const int32_t v = static_cast<int32_t>(values[i]);
      std::memcpy(t.data.data() + i * sizeof v, &v, sizeof v);
    } else {
      std::memcpy(t.data.data() + i * sizeof values[i], &values[i], sizeof values[i]);
    }
  }
  return t;
}

Tensor float_constant(std::string name, Shape shape, const std::vector<float>& values) {
  Tensor t;
  t.name = std::move(name);
  t.shape = std::move(shape);
  t.has_rank = true;
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  t.data.assign(bytes, bytes + values.size() * sizeof(float));
  return t;
}

std::string derived_name(const std::string& name, std::string_view suffix) {
  return name.ends_with(suffix) ? name : name + std::string(suffix);
}

int32_t add_tensor(Subgraph& g, Tensor t) {
  g.tensors.push_back(std::move(t));
  return static_cast<int32_t>(g.tensors.size() - 1);
}

void insert_op(Subgraph& g, size_t position, Op op) {
  g.ops.insert(g.ops.begin() + static_cast<std::ptrdiff_t>(position), std::move(op));
}

void replace_uses(Subgraph& g, int32_t from, int32_t to) {
  for (Op& op : g.ops) std::ranges::replace(op.inputs, from, to);
}

bool remove_copy_op(Subgraph& g, size_t index) {
  const int32_t in = g.ops[index].inputs[0];
  const int32_t out = g.ops[index].outputs[0];
  if (is_graph_output(g, out)) {
    // The output tensor keeps its index (and name); whoever computes the input now writes it.
    const int writer = producer(g, in, index);
    if (writer < 0 || is_graph_output(g, in)) return false;
    std::ranges::replace(g.ops[writer].outputs, in, out);
    replace_uses(g, in, out);
  } else {
    replace_uses(g, out, in);
  }
  g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(index));
  return true;
}

void absorb_consumer(Subgraph& g, size_t producer_index, size_t consumer_index) {
  g.ops[producer_index].outputs[0] = g.ops[consumer_index].outputs[0];
  g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(consumer_index));
}

namespace {

// Calls fn(std::type_identity<OptionsT>) with the options type holding the op's fused activation;
// false for ops without one.
template <class Fn> bool visit_activation_options(BuiltinOperator code, Fn&& fn) {
  switch (code) {
    case BuiltinOperator::CONV_2D: fn(std::type_identity<tflite::Conv2DOptionsT>{}); return true;
    case BuiltinOperator::DEPTHWISE_CONV_2D:
      fn(std::type_identity<tflite::DepthwiseConv2DOptionsT>{});
      return true;
    case BuiltinOperator::FULLY_CONNECTED:
      fn(std::type_identity<tflite::FullyConnectedOptionsT>{});
      return true;
    case BuiltinOperator::ADD: fn(std::type_identity<tflite::AddOptionsT>{}); return true;
    case BuiltinOperator::SUB: fn(std::type_identity<tflite::SubOptionsT>{}); return true;
    case BuiltinOperator::MUL: fn(std::type_identity<tflite::MulOptionsT>{}); return true;
    case BuiltinOperator::DIV: fn(std::type_identity<tflite::DivOptionsT>{}); return true;
    case BuiltinOperator::CONCATENATION:
      fn(std::type_identity<tflite::ConcatenationOptionsT>{});
      return true;
    default: return false;
  }
}

}  // namespace

ActivationFunctionType fused_activation(const Op& op) {
  ActivationFunctionType result = ActivationFunctionType::NONE;
  visit_activation_options(op.builtin, [&]<class T>(std::type_identity<T>) {
    if (const T* options = find_options<T>(op)) result = options->fused_activation_function;
  });
  return result;
}

bool set_fused_activation(Op& op, ActivationFunctionType activation) {
  return visit_activation_options(op.builtin, [&]<class T>(std::type_identity<T>) {
    mutable_options<T>(op).fused_activation_function = activation;
  });
}

// ---- remove_unused (declared in passes.h)

namespace {

// Ops kept even when nothing reads their outputs: they change state or call other subgraphs.
bool has_side_effects(const Subgraph& g, const Op& op) {
  if (op.outputs.empty() || op.is_custom()) return true;
  switch (op.builtin) {
    case BuiltinOperator::CALL:
    case BuiltinOperator::CALL_ONCE:
    case BuiltinOperator::IF:
    case BuiltinOperator::WHILE:
    case BuiltinOperator::ASSIGN_VARIABLE: return true;
    default: break;
  }
  return std::ranges::any_of(op.inputs,
                             [&](int32_t t) { return t >= 0 && g.tensors[t].is_variable; });
}

// Walks the ops backwards, so that an op whose only readers were dead is dead too.
void remove_dead_ops(Subgraph& g) {
  std::vector<bool> needed(g.tensors.size(), false);
  for (int32_t t : g.outputs) needed[t] = true;
  std::vector<bool> keep(g.ops.size(), false);
  for (size_t i = g.ops.size(); i-- > 0;) {
    const Op& op = g.ops[i];
    keep[i] = has_side_effects(g, op) ||
              std::ranges::any_of(op.outputs, [&](int32_t t) { return t >= 0 && needed[t]; });
    if (!keep[i]) continue;
    for (int32_t t : op.inputs)
      if (t >= 0) needed[t] = true;
  }
  std::vector<Op> kept;
  for (size_t i = 0; i < g.ops.size(); ++i)
    if (keep[i]) kept.push_back(std::move(g.ops[i]));
  g.ops = std::move(kept);
}

void remap(std::vector<int32_t>& indices, const TensorMap& map) {
  for (int32_t& t : indices)
    if (t >= 0) t = map[t];
}

TensorMap compact_tensors(Subgraph& g) {
  std::vector<bool> used(g.tensors.size(), false);
  auto mark = [&](const std::vector<int32_t>& indices) {
    for (int32_t t : indices)
      if (t >= 0) used[t] = true;
  };
  mark(g.inputs);
  mark(g.outputs);
  for (const Op& op : g.ops) {
    mark(op.inputs);
    mark(op.outputs);
    mark(op.intermediates);
  }
  TensorMap map(g.tensors.size(), -1);
  std::vector<Tensor> kept;
  for (size_t i = 0; i < g.tensors.size(); ++i) {
    if (!used[i]) continue;
    map[i] = static_cast<int32_t>(kept.size());
    kept.push_back(std::move(g.tensors[i]));
  }
  g.tensors = std::move(kept);
  remap(g.inputs, map);
  remap(g.outputs, map);
  for (Op& op : g.ops) {
    remap(op.inputs, map);
    remap(op.outputs, map);
    remap(op.intermediates, map);
  }
  return map;
}

}  // namespace

TensorMap remove_unused(Subgraph& g) {
  remove_dead_ops(g);
  return compact_tensors(g);
}

void remap_signatures(Model& m, int subgraph, const TensorMap& map) {
  for (Signature& signature : m.signatures) {
    if (signature.subgraph != subgraph) continue;
    for (auto* list : {&signature.inputs, &signature.outputs})
      for (SignatureTensor& t : *list) {
        LQ_CHECK(t.tensor >= 0 && t.tensor < static_cast<int32_t>(map.size()) && map[t.tensor] >= 0,
                 "signature '", signature.key, "' refers to tensor ", t.tensor, " ('", t.name,
                 "'), which subgraph ", subgraph, " no longer has");
        t.tensor = map[t.tensor];
      }
  }
}

void run_pass(Model& m, TensorMap (*pass)(Subgraph&)) {
  for (size_t i = 0; i < m.subgraphs.size(); ++i)
    remap_signatures(m, static_cast<int>(i), pass(m.subgraphs[i]));
}

void remove_unused(Model& m) { run_pass(m, remove_unused); }

}  // namespace lq::ir
