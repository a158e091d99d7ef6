// Shared prepare and loop of the reductions MEAN, SUM, REDUCE_MAX, REDUCE_MIN and
// REDUCE_PROD: a constant axes input (int32 or int64; negative axes count from the end, duplicates
// are ignored) and keep_dims from ReducerOptionsT. As TFLite's reference, the input is walked in
// row-major order and each element is folded into its output element, so every output accumulates
// its inputs in increasing index order.
#pragma once

#include <algorithm>
#include <limits>
#include <vector>

#include "kernels/reference/common.h"

namespace lq::ref {

struct ReduceState {
  std::vector<int64_t> out_stride;  // per input dimension; 0 along reduced dimensions
  int64_t reduced_count = 1;        // input elements folded into each output element
};

// The type-agnostic part of every reduction's prepare: checks the input count, reads the axes and
// keep_dims, fills `state` and sets the output shape. Kernels check the element types themselves.
void prepare_reduce_shape(OpContext& ctx, ReduceState& state);
// Float reductions: float32 input and output, the state a ReduceState.
void prepare_reduce_float(OpContext& ctx);

// Calls fn(input_offset, output_offset) for every input element in row-major order.
template <class Fn> void for_each_reduced(const OpContext& ctx, const ReduceState& s, Fn&& fn) {
  const Shape& shape = ctx.input(0).shape;
  const int64_t count = num_elements(shape);
  std::vector<int32_t> index(shape.size(), 0);
  int64_t out = 0;
  for (int64_t i = 0; i < count; ++i) {
    fn(i, out);
    for (size_t d = shape.size(); d-- > 0;) {  // odometer increment
      out += s.out_stride[d];
      if (++index[d] < shape[d]) break;
      out -= s.out_stride[d] * shape[d];
      index[d] = 0;
    }
  }
}
template <class Fn> void for_each_reduced(const OpContext& ctx, Fn&& fn) {
  for_each_reduced(ctx, ctx.state<ReduceState>(), std::forward<Fn>(fn));
}

// Starts every output element at `init` and folds each reduced input into it, in input order:
// out = fold(out, in).
template <class T, class Fold> void fold_reduced(OpContext& ctx, T init, Fold fold) {
  const T* in = ctx.input(0).as<T>();
  TensorBuffer& output = ctx.output(0);
  T* out = output.as<T>();
  std::fill(out, out + output.elements(), init);
  for_each_reduced(ctx, [&](int64_t i, int64_t o) { out[o] = fold(out[o], in[i]); });
}
template <class Fold> void fold_reduced_float(OpContext& ctx, float init, Fold fold) {
  fold_reduced<float>(ctx, init, fold);
}

// Sets each output element to the float sum of its reduced inputs, in input order (SUM, MEAN).
inline void sum_reduced_float(OpContext& ctx) {
  fold_reduced_float(ctx, 0.0f, [](float acc, float x) { return acc + x; });
}

// The exact sum of each output element's reduced integer inputs (int8, int16 SUM and MEAN), in
// output order.
template <class T>
std::vector<int64_t> sum_reduced_integer(const OpContext& ctx, const ReduceState& s) {
  const T* in = ctx.input(0).as<T>();
  std::vector<int64_t> sums(static_cast<size_t>(ctx.output(0).elements()), 0);
  for_each_reduced(ctx, s, [&](int64_t i, int64_t o) { sums[static_cast<size_t>(o)] += in[i]; });
  return sums;
}

// Integer REDUCE_MAX's eval (int8, int16): the largest raw value per output (their order is the
// order of the reals they stand for); an empty reduction gives T's lowest value, as TFLite's.
template <class T> void eval_reduce_max_integer(OpContext& ctx) {
  fold_reduced<T>(ctx, std::numeric_limits<T>::lowest(),
                  [](T acc, T x) { return std::max(acc, x); });
}

// Integer REDUCE_MIN's eval (int8, int16): the smallest raw value per output; an empty reduction
// gives T's largest value, as TFLite's.
template <class T> void eval_reduce_min_integer(OpContext& ctx) {
  fold_reduced<T>(ctx, std::numeric_limits<T>::max(),
                  [](T acc, T x) { return std::min(acc, x); });
}

}  // namespace lq::ref
