// LOG_SOFTMAX, int8 (output fixed at scale 16/256, zero point 127), over the last dimension:
// TFLite's builtin (optimized) kernel, a float32 table of exponentials, which LiteRT.js runs
// (XNNPACK takes no int8 LOG_SOFTMAX):
//   table[d] = expf(f32(-si) * d)                         for d = max - x in [0, 255]
//   lse      = logf(the float32 sum of table[max - x] over the row, in order)
//   y        = clamp(floor(f32(f32(si / so) * x - f32((si * max + lse) / so)) + zo + 0.5))
// (ties round up, measured). TFLite's reference kernel (gemmlowp
// fixed point) is not implemented: both arithmetics run this one.
#include <array>
#include <cmath>

#include "kernels/reference/lut_int8.h"

namespace lq::ref {
namespace {

struct State {
  std::array<float, 256> exp_of_difference{};  // indexed by max - x
  float input_scale = 1.0f, output_scale = 1.0f;
  int32_t output_zero_point = 0;
};

void prepare(OpContext& ctx) {
  const Int8UnaryQuant q = prepare_int8_unary(ctx);
  check_fixed_int8_output(ctx, q.output, 16.0f / 256.0f, 127);
  ctx.check(ctx.input(0).rank() >= 1, "input '", ctx.input(0).name(),
            "' is a scalar, expected at least one dimension");
  State& s = ctx.make_state<State>();
  const float scale = -q.input.scale;
  for (size_t d = 0; d < s.exp_of_difference.size(); ++d)
    s.exp_of_difference[d] = std::exp(scale * static_cast<float>(d));
  s.input_scale = q.input.scale;
  s.output_scale = q.output.scale;
  s.output_zero_point = q.output.zero_point;
}

void log_softmax_row(const State& s, const int8_t* x, int8_t* y, int64_t n) {
  const int32_t max = *std::max_element(x, x + n);
  float sum = 0.0f;
  for (int64_t i = 0; i < n; ++i) sum += s.exp_of_difference[static_cast<size_t>(max - x[i])];
  const float log_sum = std::log(sum);
  const float scale = s.input_scale / s.output_scale;
  const float offset = (s.input_scale * static_cast<float>(max) + log_sum) / s.output_scale;
  for (int64_t i = 0; i < n; ++i) {
    const float log_prob = scale * static_cast<float>(x[i]) - offset;
    const double shifted =
        static_cast<double>(log_prob + static_cast<float>(s.output_zero_point)) + 0.5;
    // Saturated before the conversion (log_prob is finite and at most about 0).
    y[i] = static_cast<int8_t>(std::clamp(std::floor(shifted), -128.0, 127.0));
  }
}

void eval(OpContext& ctx) {
  const State& s = ctx.state<State>();
  const TensorBuffer& input = ctx.input(0);
  const int64_t depth = input.shape.back();
  const int64_t rows = depth == 0 ? 0 : input.elements() / depth;
  const int8_t* in = input.as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  for (int64_t r = 0; r < rows; ++r) log_softmax_row(s, in + r * depth, out + r * depth, depth);
}

}  // namespace

LQ_REGISTER_KERNEL(LOG_SOFTMAX, kInt8, kReference, prepare, eval);

}  // namespace lq::ref
