// ABS, int8: out = |x|, requantized from the input's parameters to the output's (a quantizer
// calibrates the output separately). TFLite's kernel, tabulated:
//   table[x] = clamp(MultiplyByQuantizedMultiplier(|x - zi|, M) + zo)
// M: the Q31 multiplier of f32(si / so), double rounding. LiteRT.js's figures:
// tests/models/int8_more_kernels_test.cc.
#include <cstdlib>

#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  // TFLite divides in float32, then decomposes the quotient (as a double).
  const arith::QuantizedMultiplier m =
      checked_multiplier(ctx, static_cast<double>(q.input.scale / q.output.scale), "scale ratio");
  make_int8_lut(ctx, [&](int32_t x) {
    return int64_t{q.output.zero_point} +
           arith::multiply_by_quantized_multiplier(std::abs(x - q.input.zero_point), m,
                                                   arith::Rounding::kDoubleRounding);
  });
}

}  // namespace

LQ_REGISTER_KERNEL(ABS, kInt8, kReference, prepare, eval_int8_lut);

}  // namespace lq::ref
