#include "kernels/reference/lut_int8.h"

namespace lq::ref {

Int8UnaryQuant prepare_int8_unary(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  Int8UnaryQuant q;
  q.input = int8_per_tensor(ctx, ctx.input(0), "input");
  q.output = int8_per_tensor(ctx, ctx.output(0), "output");
  ctx.set_output_shape(0, ctx.input(0).shape);
  return q;
}

arith::QuantizedMultiplier checked_multiplier(const OpContext& ctx, double real, const char* what) {
  ctx.check(std::isfinite(real), "has a ", what, " of ", real,
            ", expected a finite value (from the tensors' scales)");
  return arith::quantize_multiplier(real);
}

void check_fixed_int8_output(const OpContext& ctx, Int8Quant output, float scale,
                             int32_t zero_point) {
  ctx.check(output.scale == scale && output.zero_point == zero_point, "output '",
            ctx.output(0).name(), "' has scale ", output.scale, " and zero point ",
            output.zero_point, ", expected ", scale, " and ", zero_point,
            " (the op's fixed int8 output parameters)");
}

void prepare_int8_relu(OpContext& ctx, float lower_bound, float upper_bound) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  // TFLite divides in float32, then decomposes the quotient (as a double).
  const arith::QuantizedMultiplier m =
      checked_multiplier(ctx, static_cast<double>(q.input.scale / q.output.scale), "scale ratio");
  const auto bound = [&](float b, int32_t limit) {
    if (std::isinf(b)) return limit;
    const float quantized =
        std::round(b / q.output.scale) + static_cast<float>(q.output.zero_point);
    return static_cast<int32_t>(std::clamp(quantized, -128.0f, 127.0f));
  };
  const int32_t lo = bound(lower_bound, -128), hi = bound(upper_bound, 127);
  make_int8_lut(ctx, [&](int32_t x) {
    // In 64 bits: a saturated product plus the zero point must not overflow.
    const int64_t y = int64_t{q.output.zero_point} +
                      arith::multiply_by_quantized_multiplier(x - q.input.zero_point, m,
                                                              arith::Rounding::kDoubleRounding);
    return std::clamp<int64_t>(y, lo, hi);
  });
}

void eval_int8_lut(OpContext& ctx) {
  const Int8Lut& lut = ctx.state<Int8Lut>();
  const TensorBuffer& in = ctx.input(0);
  const int8_t* pi = in.as<int8_t>();
  int8_t* po = ctx.output(0).as<int8_t>();
  const int64_t count = in.elements();
  for (int64_t i = 0; i < count; ++i) po[i] = lut.values[static_cast<size_t>(pi[i] + 128)];
}

}  // namespace lq::ref
