// The float summation orders of XNNPACK's f32 kernels, as LiteRT.js (WebAssembly SIMD without
// relaxed SIMD, so no fused multiply-add) runs them. The float kernels follow these orders so that
// their outputs equal LiteRT.js's bit for bit: in `dynamic` mode a hybrid op quantizes its float
// input on the fly, and a last-bit difference upstream can move an input by a whole step.
// Measured with tests/models/float_kernels_test.cc.
#pragma once

#include <bit>
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

// XNNPACK's f32 exp (SOFTMAX, and the sigmoid as e^-|x|): exp(x) = 2^n e^t, n = round(x / ln 2)
// found with a magic-bias addition, t = x - n ln 2 reduced in two steps (ln 2 split into a high and
// a low part), e^t from a degree-5 polynomial, 0 where the result would be subnormal; each step one
// float multiply or add (no fused multiply-add).
inline float xnnpack_exp(float x) {
  // 1.5 * 2^23 + 127: after adding it, the low mantissa bits hold n + 127, the biased exponent.
  constexpr float kMagicBias = 0x1.8000FEp23f;
  constexpr float kLog2e = 0x1.715476p+0f;
  constexpr float kMinusLn2Hi = -0x1.62E400p-1f;
  constexpr float kMinusLn2Lo = -0x1.7F7D1Cp-20f;
  constexpr float kC5 = 0x1.0F9F9Cp-7f;
  constexpr float kC4 = 0x1.573A1Ap-5f;
  constexpr float kC3 = 0x1.555A80p-3f;
  constexpr float kC2 = 0x1.FFFDC6p-2f;
  constexpr float kC1 = 0x1.FFFFF6p-1f;
  constexpr float kDenormCutoff = -0x1.5D589Ep6f;  // below, e^x is subnormal

  float n = x * kLog2e + kMagicBias;
  const float s = std::bit_cast<float>(std::bit_cast<uint32_t>(n) << 23);  // 2^n
  n -= kMagicBias;
  float t = n * kMinusLn2Hi + x;
  t = n * kMinusLn2Lo + t;
  float p = kC5 * t + kC4;
  p = p * t + kC3;
  p = p * t + kC2;
  p = p * t + kC1;
  t *= s;
  return x < kDenormCutoff ? 0.0f : t * p + s;
}

}  // namespace lq::ref
