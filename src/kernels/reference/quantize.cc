// QUANTIZE: float32 to int8, uint8 or int16, and between integer types (requantization).
// float32 -> integer, with the output's affine parameters:
//  - Arithmetic::kRuntime, per-tensor int8 and uint8 outputs: XNNPACK's convert, which LiteRT.js
//    runs (measured: 0 of 12,288 differ; TFLite's formula below differs in 446 of them):
//      q = clamp(rint(x * f32(1 / scale)) + zero_point)           (float32 product, ties to even)
//  - otherwise TFLite's AffineQuantize (per tensor; x / scale in double) or PerChannelQuantize
//    (per axis; x / scale in float32), rounding half away from zero. LiteRT.js runs it for int16
//    outputs (0 of 4,096 differ; a float32 quotient, as this kernel had, in 510 of them).
//  NaN quantizes to the zero point (the runtimes leave it undefined).
// integer -> integer (int8, uint8, int16, per tensor):
//  - int8 -> int8 under kRuntime as XNNPACK's convert, which LiteRT.js runs for scale ratios
//    r = f32(si / so) in [2^-8, 2^7] (measured: 0 of 16384 differ), with an 8-bit fixed-point
//    multiplier m = rint(256 r) and ties toward +infinity:
//      q = clamp(((zo << 8) + (x - zi) * m + 128) >> 8)
//  - otherwise (every other pair, e.g. the uint8 <-> int8 boundary ops, and under kTfliteReference)
//    as TFLite's Requantize, which LiteRT.js runs for them (0 differ):
//      q = clamp(MultiplyByQuantizedMultiplier(x - zi, si / so) + zo)     (double rounding)
#include "kernels/reference/affine.h"
#include "kernels/reference/data_movement.h"
#include "kernels/reference/quantized.h"

#include <cmath>
#include <utility>

namespace lq::ref {
namespace {

struct Requantize {
  bool xnnpack = true;
  int32_t xnnpack_multiplier = 0;
  arith::QuantizedMultiplier multiplier;
  int32_t input_zero_point = 0, output_zero_point = 0;
};

bool is_integer_activation(ElementType type) {
  return type == ElementType::kInt8 || type == ElementType::kUInt8 || type == ElementType::kInt16;
}

// The per-tensor scale and zero point of an int8, uint8 or int16 tensor (in an Int8Quant, which
// holds any of them); the zero point must lie in the type's range.
Int8Quant integer_per_tensor(const OpContext& ctx, const TensorBuffer& tensor, const char* role) {
  const AffineParams params = affine_params(ctx, tensor, role);
  ctx.check(params.scale.size() == 1, role, " '", tensor.name(), "' has ", params.scale.size(),
            " scales, expected one (per-tensor quantization)");
  const int32_t zero_point = params.zero_point[0];
  const auto [lo, hi] = tensor.type == ElementType::kUInt8  ? std::pair{0, 255}
                        : tensor.type == ElementType::kInt8 ? std::pair{-128, 127}
                                                            : std::pair{-32768, 32767};
  ctx.check(zero_point >= lo && zero_point <= hi, role, " '", tensor.name(), "' has zero point ",
            zero_point, ", outside the ", element_type_name(tensor.type), " range");
  return {params.scale[0], zero_point};
}

void prepare_requantize(OpContext& ctx) {
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& output = ctx.output(0);
  ctx.check(is_integer_activation(output.type), "output '", output.name(), "' is ",
            element_type_name(output.type), ", expected int8, uint8 or int16");
  const Int8Quant in = integer_per_tensor(ctx, input, "input");
  const Int8Quant out = integer_per_tensor(ctx, output, "output");
  ctx.set_output_shape(0, input.shape);
  Requantize& s = ctx.make_state<Requantize>();
  // TFLite computes the real multiplier in double.
  s.multiplier =
      arith::quantize_multiplier(static_cast<double>(in.scale) / static_cast<double>(out.scale));
  const float ratio = in.scale / out.scale;  // float32, as XNNPACK divides
  s.xnnpack = ctx.arithmetic() == arith::Arithmetic::kRuntime && input.type == ElementType::kInt8 &&
              output.type == ElementType::kInt8 && ratio >= 0x1.0p-8f &&
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

template <class In, class Out> void requantize(OpContext& ctx) {
  const Requantize& s = ctx.state<Requantize>();
  const In* in = ctx.input(0).as<In>();
  Out* out = ctx.output(0).as<Out>();
  constexpr int64_t kMin = std::numeric_limits<Out>::min();
  constexpr int64_t kMax = std::numeric_limits<Out>::max();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i)
    out[i] = static_cast<Out>(std::clamp<int64_t>(requantize_one(s, in[i]), kMin, kMax));
}

// Calls fn(T{}) with the C++ type of an int8, uint8 or int16 tensor (checked in prepare()).
template <class Fn> void with_integer_type(ElementType type, Fn&& fn) {
  switch (type) {
    case ElementType::kInt8: return fn(int8_t{});
    case ElementType::kUInt8: return fn(uint8_t{});
    default: return fn(int16_t{});
  }
}

void eval_requantize(OpContext& ctx) {
  with_integer_type(ctx.input(0).type, [&](auto in) {
    with_integer_type(ctx.output(0).type, [&](auto out) {
      requantize<decltype(in), decltype(out)>(ctx);
    });
  });
}

// float32 -> int8, uint8, int16.
struct QuantizeState {
  AffineParams params;
  bool xnnpack = true;
  bool per_axis = false;
  float inverse_scale = 1.0f;  // XNNPACK's float32 1 / scale (per tensor)
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const TensorBuffer& out = ctx.output(0);
  if (is_integer_activation(in.type)) return prepare_requantize(ctx);
  ctx.check(in.type == ElementType::kFloat32, "input '", in.name(), "' is ",
            element_type_name(in.type), ", expected float32, int8, uint8 or int16");
  ctx.check(is_integer_activation(out.type), "output '", out.name(), "' is ",
            element_type_name(out.type), ", expected int8, uint8 or int16");
  ctx.set_output_shape(0, in.shape);
  QuantizeState& state = ctx.make_state<QuantizeState>();
  state.params = affine_params(ctx, out, "output");
  // XNNPACK converts per-tensor float32 to int8 and uint8; int16 and per-axis outputs stay with
  // TFLite's kernel in LiteRT.js.
  state.per_axis = state.params.scale.size() > 1;
  state.xnnpack = ctx.arithmetic() == arith::Arithmetic::kRuntime &&
                  out.type != ElementType::kInt16 && !state.per_axis;
  state.inverse_scale = 1.0f / state.params.scale[0];
}

template <class T> void quantize(OpContext& ctx) {
  const QuantizeState& state = ctx.state<QuantizeState>();
  const AffineParams& params = state.params;
  const float* in = ctx.input(0).as<float>();
  T* out = ctx.output(0).as<T>();
  constexpr double kMin = std::numeric_limits<T>::min();
  constexpr double kMax = std::numeric_limits<T>::max();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i) {
    const size_t channel = params.channel_of(i);
    const double zero_point = params.zero_point[channel];
    double steps = 0;
    if (state.xnnpack)
      steps = std::nearbyint(in[i] * state.inverse_scale);  // float32 product, ties to even
    else if (state.per_axis)
      steps = std::round(in[i] / params.scale[channel]);  // float32 quotient
    else
      steps = std::round(static_cast<double>(in[i]) / static_cast<double>(params.scale[0]));
    const double q = std::isnan(steps) ? zero_point : steps + zero_point;
    out[i] = static_cast<T>(std::min(std::max(q, kMin), kMax));
  }
}

void eval(OpContext& ctx) {
  if (ctx.input(0).type != ElementType::kFloat32) return eval_requantize(ctx);
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
