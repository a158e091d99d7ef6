// DEQUANTIZE to float32: from float16 (exact widening), and from int8, uint8 or int16 with the
// input's affine parameters, real = scale * (q - zero_point), per tensor or per axis (one scale and
// zero point per index of the quantized dimension).
#include "core/float16.h"
#include "kernels/reference/affine.h"
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.set_output_shape(0, in.shape);
  AffineParams& params = ctx.make_state<AffineParams>();
  if (in.type != ElementType::kFloat16) params = affine_params(ctx, in, "input");
}

template <class T> void dequantize(OpContext& ctx) {
  const AffineParams& state = ctx.state<AffineParams>();
  const T* in = ctx.input(0).as<T>();
  float* out = ctx.output(0).as<float>();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i) {
    const size_t channel = state.channel_of(i);
    // q - zero_point is exact in int32, and exactly representable as a float.
    out[i] = static_cast<float>(static_cast<int32_t>(in[i]) - state.zero_point[channel]) *
             state.scale[channel];
  }
}

void eval(OpContext& ctx) {
  switch (ctx.input(0).type) {
    case ElementType::kFloat16: {
      const uint16_t* in = ctx.input(0).as<uint16_t>();
      float* out = ctx.output(0).as<float>();
      const int64_t count = ctx.input(0).elements();
      for (int64_t i = 0; i < count; ++i) out[i] = half_to_float(in[i]);
      return;
    }
    case ElementType::kInt8: return dequantize<int8_t>(ctx);
    case ElementType::kUInt8: return dequantize<uint8_t>(ctx);
    default: return dequantize<int16_t>(ctx);
  }
}

constexpr ElementType kInputTypes[] = {ElementType::kFloat16, ElementType::kInt8,
                                       ElementType::kUInt8, ElementType::kInt16};

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(DEQUANTIZE, kInputTypes, prepare, eval);

}  // namespace lq::ref
