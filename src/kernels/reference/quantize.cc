// QUANTIZE from float32 to int8, uint8 or int16 with the output's affine parameters, per tensor or
// per axis, as TFLite's reference AffineQuantize / PerChannelQuantize:
//   q = clamp(round(x / scale) + zero_point, type min, type max)
// with x / scale in float and round() rounding half away from zero (2.5 -> 3, -2.5 -> -3). NaN
// quantizes to the zero point (TFLite leaves it undefined). Requantizing an integer input (int8,
// uint8, int16 -> int8, uint8, int16) is not supported yet and fails naming the op.
#include "kernels/reference/affine.h"
#include "kernels/reference/data_movement.h"

#include <cmath>

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  const TensorBuffer& out = ctx.output(0);
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
