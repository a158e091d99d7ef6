// GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL on int8 inputs (bool output, with
// broadcasting). Quantized inputs are compared as TFLite's kernels compare them, which LiteRT.js
// runs (measured in tests/models/int8_data_kernels_test.cc; XNNPACK has no comparisons): each input
// minus its zero point is shifted left by 8 and multiplied by its own scale as a Q31 multiplier
// with double rounding, and the two results are compared. Even with equal parameters this is not a
// raw comparison: for scales below 1/256 neighbouring values can round to the same number and
// compare equal. (TFLite aborts on scales of 1 or more; here the same formula goes on with a left
// shift.) Inputs without quantization parameters are plain integers and compare raw.
// One file for the six ops: they share everything but the comparison itself.
#include <functional>

#include "kernels/reference/binary.h"
#include "kernels/reference/quantized.h"

namespace lq::ref {
namespace {

struct ComparisonInt8State {
  bool quantized = false;
  int32_t a_zero_point = 0, b_zero_point = 0;
  arith::QuantizedMultiplier a_multiplier, b_multiplier;
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  prepare_binary(ctx, ElementType::kInt8, ElementType::kBool);
  ComparisonInt8State& s = ctx.make_state<ComparisonInt8State>();
  s.quantized = !ctx.input(0).quant().scale.empty() || !ctx.input(1).quant().scale.empty();
  if (!s.quantized) return;
  const Int8Quant a = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant b = int8_per_tensor(ctx, ctx.input(1), "input");
  s.a_zero_point = a.zero_point;
  s.b_zero_point = b.zero_point;
  s.a_multiplier = arith::quantize_multiplier(static_cast<double>(a.scale));
  s.b_multiplier = arith::quantize_multiplier(static_cast<double>(b.scale));
}

int32_t rescale(int8_t x, int32_t zero_point, arith::QuantizedMultiplier m) {
  return arith::multiply_by_quantized_multiplier((x - zero_point) * 256, m,
                                                 arith::Rounding::kDoubleRounding);
}

template <class Cmp> void eval(OpContext& ctx) {
  const ComparisonInt8State& s = ctx.state<ComparisonInt8State>();
  if (!s.quantized) {
    eval_binary<int8_t, bool>(ctx, [](int8_t a, int8_t b) { return Cmp{}(a, b); });
    return;
  }
  eval_binary<int8_t, bool>(ctx, [&](int8_t a, int8_t b) {
    return Cmp{}(rescale(a, s.a_zero_point, s.a_multiplier),
                 rescale(b, s.b_zero_point, s.b_multiplier));
  });
}

}  // namespace

LQ_REGISTER_KERNEL(GREATER, kInt8, kReference, prepare, eval<std::greater<>>);
LQ_REGISTER_KERNEL(GREATER_EQUAL, kInt8, kReference, prepare, eval<std::greater_equal<>>);
LQ_REGISTER_KERNEL(LESS, kInt8, kReference, prepare, eval<std::less<>>);
LQ_REGISTER_KERNEL(LESS_EQUAL, kInt8, kReference, prepare, eval<std::less_equal<>>);
LQ_REGISTER_KERNEL(EQUAL, kInt8, kReference, prepare, eval<std::equal_to<>>);
LQ_REGISTER_KERNEL(NOT_EQUAL, kInt8, kReference, prepare, eval<std::not_equal_to<>>);

}  // namespace lq::ref
