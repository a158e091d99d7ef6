// Helpers for ops that move elements without arithmetic (RESHAPE, TRANSPOSE, SLICE, SPLIT, ...).
// They copy bytes, so one kernel serves every fixed-size element type: float models and, later,
// quantized ones. Most of them describe their output as a strided view of the input, built once in
// prepare() and copied in eval().
#pragma once

#include <span>

#include "kernels/reference/common.h"

namespace lq::ref {

// The element types data-movement kernels are registered for.
inline constexpr ElementType kCopyTypes[] = {
    ElementType::kFloat32, ElementType::kInt8,  ElementType::kUInt8, ElementType::kInt16,
    ElementType::kInt32,   ElementType::kInt64, ElementType::kBool};
// Integer types of index, axis and shape tensors. Ops whose first input is such a tensor (SPLIT's
// axis, FILL's dims) are keyed by it, not by their data type.

// Registers one reference kernel under each of several element types.
struct TypesRegistrar {
  TypesRegistrar(tflite::BuiltinOperator op, std::span<const ElementType> types, rt::Kernel kernel);
};
// LQ_REGISTER_REFERENCE_KERNELS(RESHAPE, kCopyTypes, prepare, eval);
#define LQ_REGISTER_REFERENCE_KERNELS(OP, TYPES, PREPARE, EVAL)                     \
  static const ::lq::ref::TypesRegistrar LQ_CONCAT(lq_kernel_registrar_, __LINE__)( \
      tflite::BuiltinOperator::OP, TYPES, ::lq::rt::Kernel{PREPARE, EVAL})

// Checks that `tensor` has element type `type` and returns the element size; fails, naming the op,
// for types without a fixed size (string, ...).
size_t check_copyable(const OpContext& ctx, const TensorBuffer& tensor, ElementType type);

// eval() of ops whose output holds the input's bytes unchanged (RESHAPE, SQUEEZE, EXPAND_DIMS).
void eval_copy(OpContext& ctx);

// Reads a constant integer scalar (or one-element tensor), e.g. an axis.
int64_t read_int_scalar(const OpContext& ctx, int input);

// Element i of `shape` (in row-major order) is input element start + sum_d(i_d * strides[d]), with
// i_d the coordinates of i. Strides may be 0 (repeat) or negative (reverse).
struct StridedView {
  int64_t start = 0;
  Shape shape;
  std::vector<int64_t> strides;
};

// The view of a whole tensor of `shape` (row-major strides).
StridedView full_view(const Shape& shape);

// Merges dimensions that are contiguous in the input and drops dimensions of size 1, so copies run
// over longer rows. The copied elements and their order do not change.
StridedView coalesce(const StridedView& view);

// Writes the view's elements, in row-major order, to `out`.
void copy_view(const StridedView& view, const uint8_t* in, size_t element_size, uint8_t* out);

// Views of `in` split along `axis` into consecutive pieces of the given sizes (SPLIT, SPLIT_V):
// piece i keeps every dimension but `axis`, which has size sizes[i].
std::vector<StridedView> split_views(const Shape& in, int axis, const std::vector<int32_t>& sizes);

// State and eval() of ops whose outputs are views of one input: output i is views[i] of `input`.
struct ViewState {
  int input = 0;
  size_t element_size = 0;
  std::vector<StridedView> views;
};
// Stores the views (coalesced) for eval_views.
void set_views(OpContext& ctx, int input, size_t element_size, std::vector<StridedView> views);
void eval_views(OpContext& ctx);

}  // namespace lq::ref
