// The float summation orders of XNNPACK's f32 kernels, as LiteRT.js (WebAssembly SIMD without
// relaxed SIMD, so no fused multiply-add) runs them. The float kernels follow these orders so that
// their outputs equal LiteRT.js's bit for bit: in `dynamic` mode a hybrid op quantizes its float
// input on the fly, and a last-bit difference upstream can move an input by a whole step.
// Measured with tests/models/float_kernels_test.cc.
#pragma once

#include <cstdint>

namespace lq::ref {

// Which GEMM microkernel XNNPACK picks for an op with n output channels. The default one (8
// columns) starts each output at the bias and adds the products one by one in k order (multiply,
// then add). The narrow one (2 columns, k in groups of 4) keeps four partial sums per output, the
// products of k = 0, 4, 8, ... in the first (which starts at the bias), k = 1, 5, ... in the
// second, and so on, and adds them as (s0 + s2) + (s1 + s3) at the end.
enum class GemmOrder { kSequential, kFourLanes };

// FULLY_CONNECTED and 1x1 stride-1 CONV_2D (plain GEMM): the narrow kernel when n is below 8, or
// when it wastes fewer padded columns and the default kernel wastes more than 1% of n.
inline GemmOrder gemm_order(int64_t n) {
  const int64_t waste8 = (8 - n % 8) % 8, waste2 = n % 2;
  return n < 8 || (waste2 < waste8 && waste8 * 100 > n) ? GemmOrder::kFourLanes
                                                        : GemmOrder::kSequential;
}

// Other CONV_2D (indirect GEMM over the filter taps): the narrow kernel only below 8 channels.
inline GemmOrder igemm_order(int64_t n) {
  return n < 8 ? GemmOrder::kFourLanes : GemmOrder::kSequential;
}

// One output's sum in `order`: start(bias), then add(k, product) for k = 0, 1, 2, ... in order
// (for the indirect GEMM, k restarts at 0 with each filter tap: every tap's channels are padded to
// a multiple of 4).
class GemmSum {
 public:
  GemmSum(GemmOrder order, float bias) : order_(order), lanes_{bias, 0.0f, 0.0f, 0.0f} {}
  void add(int64_t k, float product) {
    float& lane = lanes_[order_ == GemmOrder::kSequential ? 0 : k % 4];
    lane += product;
  }
  float result() const {
    return order_ == GemmOrder::kSequential ? lanes_[0]
                                            : (lanes_[0] + lanes_[2]) + (lanes_[1] + lanes_[3]);
  }

 private:
  GemmOrder order_;
  float lanes_[4];
};

}  // namespace lq::ref
