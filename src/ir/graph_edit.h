// Small edits of a Subgraph shared by the graph passes (passes.h): who reads and writes a tensor,
// adding tensors and ops, constants as typed values, permutations of dimensions and op options.
// Ops are kept in topological order by the callers: an op inserted or rewired must come after the
// producers of what it reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "ir/graph.h"

namespace lq::ir {

// TRANSPOSE's convention: output dimension d is input dimension perm[d].
using Perm = std::vector<int32_t>;

bool is_permutation(const Perm& perm);
bool is_identity(const Perm& perm);
Perm inverse(const Perm& perm);
// Transposing by `first`, then by `second`, is transposing by compose(first, second).
Perm compose(const Perm& first, const Perm& second);
// result[d] = shape[perm[d]]: the shape after transposing by perm.
Shape permute(const Shape& shape, const Perm& perm);
// Row-major data of `shape` transposed by perm (elements of element_size bytes).
std::vector<uint8_t> transpose_data(const std::vector<uint8_t>& data, size_t element_size,
                                    const Shape& shape, const Perm& perm);
// A copy of `t` (no data) in the layout transposing by perm undoes: shape, shape signature and
// per-axis quantization axis follow.
Tensor untransposed_like(const Tensor& t, const Perm& perm);

// The op writing `tensor`, or -1 (a graph input, a constant, or nothing writes it). Searching
// backwards from op `before` (the writer of an op's input comes before the op) finds it in a few
// steps in long graphs.
int producer(const Subgraph& g, int32_t tensor, size_t before = SIZE_MAX);
// The ops reading `tensor`, each once, in op order; `from` skips ops known to come before them.
std::vector<size_t> consumers(const Subgraph& g, int32_t tensor, size_t from = 0);
bool is_graph_output(const Subgraph& g, int32_t tensor);
// The one op reading `tensor` (perhaps more than once); -1 when there are none or several, or when
// the tensor is also a graph output (then its value must stay as it is). `from` as for consumers.
int sole_consumer(const Subgraph& g, int32_t tensor, size_t from = 0);
bool is_constant(const Subgraph& g, int32_t tensor);
// The perm of a TRANSPOSE op whose perm is a constant permutation of its input's rank (>= 1).
std::optional<Perm> transpose_perm(const Subgraph& g, const Op& op);

// Constant contents. read_ints takes int32 or int64 constants (nullopt otherwise); read_floats
// takes float32 constants (fails otherwise).
std::optional<std::vector<int64_t>> read_ints(const Tensor& t);
std::vector<float> read_floats(const Tensor& t);
Tensor int_constant(std::string name, ElementType type, Shape shape,
                    const std::vector<int64_t>& values);
Tensor float_constant(std::string name, Shape shape, const std::vector<float>& values);

// The name of a tensor made from tensor `name`: name + suffix, once (a bias folded twice stays
// "b/folded").
std::string derived_name(const std::string& name, std::string_view suffix);

int32_t add_tensor(Subgraph& g, Tensor t);
void insert_op(Subgraph& g, size_t position, Op op);
// Every op input reading `from` reads `to` instead.
void replace_uses(Subgraph& g, int32_t from, int32_t to);
// Removes an op that copies input 0 to output 0 unchanged (a same-shape RESHAPE, an identity
// TRANSPOSE): its readers read the input. When its output is a graph output, the input's producer
// writes the output tensor instead; when that is impossible (the input is a graph input, a constant
// or a graph output too) the op stays and this returns false.
bool remove_copy_op(Subgraph& g, size_t index);
// The op at `producer_index` writes the output of the op at `consumer_index`, which is removed
// (fusions: the consumer's work now happens inside the producer).
void absorb_consumer(Subgraph& g, size_t producer_index, size_t consumer_index);

// Options of type OptionsT: nullptr when the op has none (the schema defaults apply); fails when it
// has options of another type.
template <class OptionsT> const OptionsT* find_options(const Op& op) {
  using Traits = tflite::BuiltinOptionsUnionTraits<OptionsT>;
  if (op.options.type == tflite::BuiltinOptions::NONE || !op.options.value) return nullptr;
  LQ_CHECK(op.options.type == Traits::enum_value, op_name(op), " has options of type ",
           tflite::EnumNameBuiltinOptions(op.options.type), ", expected ",
           tflite::EnumNameBuiltinOptions(Traits::enum_value));
  return static_cast<const OptionsT*>(op.options.value);
}
template <class OptionsT> OptionsT options_or_default(const Op& op) {
  const OptionsT* options = find_options<OptionsT>(op);
  return options ? *options : OptionsT{};
}
// The options to change, created with the defaults when absent.
template <class OptionsT> OptionsT& mutable_options(Op& op) {
  if (!find_options<OptionsT>(op)) op.options.Set(OptionsT{});
  return *static_cast<OptionsT*>(op.options.value);
}

// The fused activation of ops that have one (conv, FC, ADD, SUB, MUL, DIV, CONCATENATION); NONE
// for other ops.
tflite::ActivationFunctionType fused_activation(const Op& op);
// Sets it; false (and nothing changed) for ops without one.
bool set_fused_activation(Op& op, tflite::ActivationFunctionType activation);

}  // namespace lq::ir
