// Helpers shared by the reference kernels: fused activations, padding, broadcast indexing and the
// small checks every prepare() makes.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/kernel_registry.h"
#include "kernels/op_context.h"

namespace lq::ref {

using rt::OpContext;
using rt::TensorBuffer;

// The [lo, hi] range a fused activation clamps to.
struct ActivationRange {
  float lo = -std::numeric_limits<float>::infinity();
  float hi = std::numeric_limits<float>::infinity();
};
// Fused activations that are a clamp (NONE, RELU, RELU_N1_TO_1, RELU6); others fail naming the op.
ActivationRange activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation);
inline float clamp_activation(float x, ActivationRange range) {
  return std::min(std::max(x, range.lo), range.hi);
}

// Output size and leading padding of one spatial dimension, as TFLite computes them.
struct PaddedDim {
  int32_t out = 0;
  int32_t pad_before = 0;
};
PaddedDim padded_dim(tflite::Padding padding, int32_t in, int32_t filter, int32_t stride,
                     int32_t dilation);

// Walks the output of a broadcast binary op and gives the flat input offsets of each element.
class BroadcastIndex {
 public:
  BroadcastIndex(const Shape& a, const Shape& b, const Shape& out);
  // Calls fn(out_offset, a_offset, b_offset) for every output element, in order.
  template <class Fn> void for_each(Fn&& fn) const {
    const int64_t count = num_elements(out_);
    if (same_) {
      for (int64_t i = 0; i < count; ++i) fn(i, i, i);
      return;
    }
    std::vector<int32_t> index(out_.size(), 0);
    int64_t a = 0, b = 0;
    for (int64_t i = 0; i < count; ++i) {
      fn(i, a, b);
      for (size_t d = out_.size(); d-- > 0;) {  // odometer increment
        a += a_stride_[d];
        b += b_stride_[d];
        if (++index[d] < out_[d]) break;
        a -= a_stride_[d] * out_[d];
        b -= b_stride_[d] * out_[d];
        index[d] = 0;
      }
    }
  }

 private:
  Shape out_;
  std::vector<int64_t> a_stride_, b_stride_;  // 0 along broadcast dimensions
  bool same_ = false;
};

// prepare() checks: input/output counts and element types.
void check_io_count(const OpContext& ctx, int min_inputs, int max_inputs, int outputs);
void check_type(const OpContext& ctx, const TensorBuffer& tensor, ElementType expected);
// Reads a small constant integer tensor (fails when it is not constant) (int32 or int64), e.g. axes, a shape or paddings.
std::vector<int64_t> read_int_tensor(const OpContext& ctx, int input);
// Normalizes a possibly negative axis against the rank; fails naming the op when out of range.
int normalize_axis(const OpContext& ctx, int64_t axis, int rank);

}  // namespace lq::ref
