// The affine quantization parameters of a tensor (real = scale * (q - zero_point)), checked once in
// prepare() and laid out for the element loop: per tensor, or per axis with the tensor seen as
// [outer, channels, inner].
#pragma once

#include "kernels/reference/common.h"

namespace lq::ref {

struct AffineParams {
  std::vector<float> scale;
  std::vector<int32_t> zero_point;  // one per scale
  int64_t channels = 1, inner = 1;

  size_t channel_of(int64_t i) const { return static_cast<size_t>((i / inner) % channels); }
};

// `role` names the tensor in errors ("input", "output"). Fails, naming the op, when the tensor has
// no scale, a scale that is not positive and finite, too few zero points, or a quantized dimension
// that does not match its shape.
AffineParams affine_params(const OpContext& ctx, const TensorBuffer& tensor, const char* role);

}  // namespace lq::ref
