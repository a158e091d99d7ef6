// QUANTIZE from float32 to int8, uint8 or int16 with the output's affine parameters, per tensor or
// per axis, as TFLite's reference AffineQuantize / PerChannelQuantize:
//   q = clamp(round(x / scale) + zero_point, type min, type max)
// with x / scale in float and round() rounding half away from zero (2.5 -> 3, -2.5 -> -3). NaN
// quantizes to the zero point (TFLite leaves it undefined).
// int8 -> int8 (per tensor) under Arithmetic::kRuntime as XNNPACK's convert, which LiteRT.js runs
// for scale ratios r = f32(si / so) in [2^-8, 2^7] (measured: 0 of 16384 differ), with an 8-bit
// fixed-point multiplier m = rint(256 r) and ties toward +infinity:
//   q = clamp(((zo << 8) + (x - zi) * m + 128) >> 8)
// otherwise (and under kTfliteReference) as TFLite's Requantize:
//   q = clamp(MultiplyByQuantizedMultiplier(x - zi, si / so) + zo)     (double rounding)
// Other integer inputs are not supported yet and fail naming the op.
#include "kernels/reference/affine.h"
#include "kernels/reference/data_movement.h"
#include "kernels/reference/quantized.h"

#include <cmath>

namespace lq::ref {
namespace {

struct Requantize {
  bool xnnpack = true;
  int32_t xnnpack_multiplier = 0;
  arith::QuantizedMultiplier multiplier;
  int32_t input_zero_point = 0, output_zero_point = 0;
};

void prepare_requantize(OpContext& ctx) {
  const Int8Quant in = int8_per_tensor(ctx, ctx.input(0), "input");
  const Int8Quant out = int8_per_tensor(ctx, ctx.output(0), "output");
  ctx.set_output_shape(0, ctx.input(0).shape);
  Requantize& s = ctx.make_state<Requantize>();
  // TFLite computes the real multiplier in double.
  s.multiplier =
      arith::quantize_multiplier(static_cast<double>(in.scale) / static_cast<double>(out.scale));
  const float ratio = in.scale / out.scale;  // float32, as XNNPACK divides
  s.xnnpack = ctx.arithmetic() == arith::Arithmetic::kRuntime && ratio >= 0x1.0p-8f &&
              ratio <= 0x1.0p+7f;  // the ratios TFLite's XNNPACK delegate accepts
  s.xnnpack_multiplier = static_cast<int32_t>(std::lrint(256.0f * ratio));
  s.input_zero_point = in.zero_point;
  s.output_zero_point = out.zero_point;
}

int64_t requantize_one(const Requantize& s, int32_t x) {
  const int32_t centered = x - s.input_zero_point;
  if (s.xnnpack)
    return ((int64_t{s.output_zero_point} << 8) + int64_t{centered} * s.xnnpack_multiplier + 128) >> 8;
  return int64_t{arith::multiply_by_quantized_multiplier(centered, s.multiplier,
                                                         arith::Rounding::kDoubleRounding)} +
         s.output_zero_point;
}

void requantize(OpContext& ctx) {
  const Requantize& s = ctx.state<Requantize>();
  const int8_t* in = ctx.input(0).as<int8_t>();
  int8_t* out = ctx.output(0).as<int8_t>();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i)
    out[i] = static_cast<int8_t>(std::clamp<int64_t>(requantize_one(s, in[i]), -128, 127));
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const TensorBuffer& out = ctx.output(0);
  if (in.type == ElementType::kInt8 && out.type == ElementType::kInt8)
    return prepare_requantize(ctx);
  ctx.check(in.type == ElementType::kFloat32, "requantizing ", element_type_name(in.type), " to ",
            element_type_name(out.type), " is not supported yet");
  ctx.check(out.type == ElementType::kInt8 || out.type == ElementType::kUInt8 ||
                out.type == ElementType::kInt16,
            "output '", out.name(), "' is ", element_type_name(out.type),
            ", expected int8, uint8 or int16");
  ctx.set_output_shape(0, in.shape);
  ctx.make_state<AffineParams>() = affine_params(ctx, out, "output");
}

template <class T> void quantize(OpContext& ctx) {
  const AffineParams& state = ctx.state<AffineParams>();
  const float* in = ctx.input(0).as<float>();
  T* out = ctx.output(0).as<T>();
  constexpr double kMin = std::numeric_limits<T>::min();
  constexpr double kMax = std::numeric_limits<T>::max();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i) {
    const size_t channel = state.channel_of(i);
    const double zero_point = state.zero_point[channel];
    double q = static_cast<double>(std::round(in[i] / state.scale[channel])) + zero_point;
    if (std::isnan(q)) q = zero_point;
    out[i] = static_cast<T>(std::min(std::max(q, kMin), kMax));
  }
}

void eval(OpContext& ctx) {
  if (ctx.input(0).type == ElementType::kInt8) return requantize(ctx);
  switch (ctx.output(0).type) {
    case ElementType::kInt8: return quantize<int8_t>(ctx);
    case ElementType::kUInt8: return quantize<uint8_t>(ctx);
    default: return quantize<int16_t>(ctx);
  }
}

constexpr ElementType kInputTypes[] = {ElementType::kFloat32, ElementType::kInt8,
                                       ElementType::kUInt8, ElementType::kInt16};

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(QUANTIZE, kInputTypes, prepare, eval);

}  // namespace lq::ref
