#include "kernels/reference/quantized.h"

#include "kernels/reference/affine.h"
#include "kernels/reference/binary.h"
#include "kernels/reference/pool.h"
#include "kernels/reference/spatial.h"

namespace lq::ref {
namespace {

void check_int8_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role) {
  check_type(ctx, tensor, ElementType::kInt8);
  ctx.check(tensor.quant().scale.size() == 1, role, " '", tensor.name(), "' has ",
            tensor.quant().scale.size(), " scales, expected one (per-tensor quantization)");
}

void check_int32_bias(const OpContext& ctx, int32_t channels, int index) {
  if (!ctx.has_input(index)) return;
  const TensorBuffer& bias = ctx.input(index);
  check_type(ctx, bias, ElementType::kInt32);
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels, " elements (one per output channel)");
}

// XNNPACK's ADD takes input/output scale ratios in this range only (TFLite's delegate checks it).
bool in_xnnpack_add_range(float ratio) { return ratio >= 0x1.0p-10f && ratio < 0x1.0p+8f; }

}  // namespace

int32_t quantize_activation_bound(float bound, float scale, int32_t zero_point, bool float32,
                                  IntLimits limits) {
  if (std::isinf(bound)) return bound < 0 ? limits.min : limits.max;
  const float q = float32 ? std::nearbyint(bound / scale + static_cast<float>(zero_point))
                          : std::round(bound / scale) + static_cast<float>(zero_point);
  // Clamped in float: converting a float outside int32 is undefined.
  return static_cast<int32_t>(
      std::clamp(q, static_cast<float>(limits.min), static_cast<float>(limits.max)));
}

std::vector<float> int8_filter_scales(const OpContext& ctx, int32_t channels, int filter_axis) {
  const TensorBuffer& filter = ctx.input(1);
  check_type(ctx, filter, ElementType::kInt8);
  const AffineParams params = affine_params(ctx, filter, "filter");
  for (int32_t zp : params.zero_point)
    ctx.check(zp == 0, "filter '", filter.name(), "' has zero point ", zp,
              ", expected 0 (int8 weights are symmetric)");
  const size_t count = params.scale.size();
  if (count == 1) return std::vector<float>(static_cast<size_t>(channels), params.scale[0]);
  ctx.check(normalize_axis(ctx, filter.quant().axis, filter.rank()) == filter_axis &&
                count == static_cast<size_t>(channels),
            "filter '", filter.name(), "' has ", count, " scales along dimension ",
            filter.quant().axis, ", expected one or ", channels, " along dimension ", filter_axis);
  return params.scale;
}

Int8Quant int8_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role) {
  check_int8_per_tensor(ctx, tensor, role);
  const AffineParams params = affine_params(ctx, tensor, role);
  const Int8Quant q{params.scale[0], params.zero_point[0]};
  ctx.check(q.zero_point >= -128 && q.zero_point <= 127, role, " '", tensor.name(),
            "' has zero point ", q.zero_point, ", outside the int8 range");
  return q;
}

Int8Quant int8_equal_input_output(const OpContext& ctx) {
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(in.scale == out.scale && in.zero_point == out.zero_point, "output '",
            ctx.output(0).name(), "' has scale ", out.scale, " and zero point ", out.zero_point,
            ", expected the input's (", in.scale, ", ", in.zero_point, "): ", ctx.name(),
            " does not requantize");
  return out;
}

Int8Range int8_activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation,
                                Int8Quant q, bool float32) {
  const ActivationRange range = activation_range(ctx, activation);
  return {quantize_activation_bound(range.lo, q.scale, q.zero_point, float32, kInt8Limits),
          quantize_activation_bound(range.hi, q.scale, q.zero_point, float32, kInt8Limits)};
}

void prepare_int8_add(OpContext& ctx, tflite::ActivationFunctionType activation, bool subtract) {
  prepare_binary_same(ctx);
  const Int8Quant a = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant b = int8_per_tensor(ctx, ctx.input(1), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  Int8AddState& s = ctx.make_state<Int8AddState>();
  const float a_ratio = a.scale / out.scale;  // float32, as XNNPACK divides
  const float b_ratio = b.scale / out.scale;
  s.xnnpack = ctx.arithmetic() == arith::Arithmetic::kRuntime && in_xnnpack_add_range(a_ratio) &&
              in_xnnpack_add_range(b_ratio);
  s.xnn = arith::xnnpack_add_params(a_ratio, b_ratio, a.zero_point, b.zero_point, subtract);
  s.tfl = arith::tflite_add_params(a.scale, b.scale, out.scale, 20, subtract);
  s.a_zero_point = a.zero_point;
  s.b_zero_point = b.zero_point;
  s.output_zero_point = out.zero_point;
  s.range = int8_activation_range(ctx, activation, out, s.xnnpack);
}

void eval_int8_add(OpContext& ctx) {
  const Int8AddState& s = ctx.state<Int8AddState>();
  eval_binary<int8_t, int8_t>(ctx, [&](int8_t a, int8_t b) {
    const int32_t sum = s.xnnpack ? arith::xnnpack_add(s.xnn, a, b)
                                  : arith::tflite_add(s.tfl, a - s.a_zero_point, b - s.b_zero_point);
    const int64_t y = int64_t{sum} + s.output_zero_point;
    return static_cast<int8_t>(std::clamp<int64_t>(y, s.range.lo, s.range.hi));
  });
}

void prepare_int8_pool(OpContext& ctx, bool float32) {
  check_io_count(ctx, 1, 1, 1);
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  ctx.check(in.scale == out.scale && in.zero_point == out.zero_point, "output '",
            ctx.output(0).name(), "' has scale ", out.scale, " and zero point ", out.zero_point,
            ", expected the input's (", in.scale, ", ", in.zero_point, "): pooling does not requantize");
  PoolState& state = prepare_pool_geometry(ctx);
  const auto activation = ctx.options<tflite::Pool2DOptionsT>().fused_activation_function;
  const Int8Range range = int8_activation_range(ctx, activation, out, float32);
  state.range = {static_cast<float>(range.lo), static_cast<float>(range.hi)};
}

Int8Affine prepare_int8_affine(const OpContext& ctx, int32_t channels, int filter_axis,
                               tflite::ActivationFunctionType activation,
                               AffineOperands operands) {
  const TensorBuffer& input = ctx.input(operands.data);
  const TensorBuffer& output = ctx.output(0);
  check_int8_per_tensor(ctx, input, "input");
  check_int8_per_tensor(ctx, output, "output");
  const AffineParams in = affine_params(ctx, input, "input");
  const AffineParams out = affine_params(ctx, output, "output");
  const std::vector<float> weight_scales = int8_filter_scales(ctx, channels, filter_axis);
  check_int32_bias(ctx, channels, operands.bias);

  Int8Affine affine;
  affine.input_zero_point = in.zero_point[0];
  Int8OutputStage& stage = affine.stage;
  stage.float32 = ctx.arithmetic() == arith::Arithmetic::kRuntime;
  stage.zero_point = out.zero_point[0];
  ctx.check(stage.zero_point >= -128 && stage.zero_point <= 127, "output '", output.name(),
            "' has zero point ", stage.zero_point, ", outside the int8 range");
  for (float ws : weight_scales) {
    stage.scales.push_back(arith::float32_requantization_scale(in.scale[0], ws, out.scale[0]));
    // TFLite computes the real multiplier in double.
    stage.multipliers.push_back(arith::quantize_multiplier(
        static_cast<double>(in.scale[0]) * ws / static_cast<double>(out.scale[0])));
  }
  const Int8Range range = int8_activation_range(
      ctx, activation, {out.scale[0], stage.zero_point}, stage.float32);
  stage.lo = range.lo;
  stage.hi = range.hi;
  return affine;
}

}  // namespace lq::ref
