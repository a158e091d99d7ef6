// DEQUANTIZE to float32: from float16 (exact widening), and from int8, uint8 or int16 with the
// input's affine parameters, real = scale * (q - zero_point), per tensor or per axis (one scale and
// zero point per index of the quantized dimension).
#include "core/float16.h"
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

struct State {
  std::vector<float> scale;
  std::vector<int32_t> zero_point;  // one per scale
  int64_t channels = 1, inner = 1;  // layout: [outer, channels, inner]
};

void prepare(OpContext& ctx) {
  check_io_count(ctx, 1, 1, 1);
  const TensorBuffer& in = ctx.input(0);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.set_output_shape(0, in.shape);
  State& state = ctx.make_state<State>();
  if (in.type == ElementType::kFloat16) return;

  const ir::QuantParams& quant = in.quant();
  ctx.check(!quant.scale.empty(), "input '", in.name(), "' has no quantization scale");
  ctx.check(quant.zero_point.empty() || quant.zero_point.size() == 1 ||
                quant.zero_point.size() == quant.scale.size(),
            "input '", in.name(), "' has ", quant.scale.size(), " scales but ",
            quant.zero_point.size(), " zero points");
  state.scale = quant.scale;
  for (size_t i = 0; i < quant.scale.size(); ++i) {
    const int64_t zp = quant.zero_point.empty()       ? 0
                       : quant.zero_point.size() == 1 ? quant.zero_point[0]
                                                      : quant.zero_point[i];
    ctx.check(
        zp >= std::numeric_limits<int32_t>::min() && zp <= std::numeric_limits<int32_t>::max(),
        "zero point ", zp, " is out of range");
    state.zero_point.push_back(static_cast<int32_t>(zp));
  }
  if (quant.per_axis()) {
    const int axis = normalize_axis(ctx, quant.axis, in.rank());
    ctx.check(axis < in.rank() && in.dim(axis) == static_cast<int64_t>(quant.scale.size()),
              "input '", in.name(), "' (", shape_string(in.shape), ") has ", quant.scale.size(),
              " scales for quantized dimension ", quant.axis);
    state.channels = in.dim(axis);
    for (int d = axis + 1; d < in.rank(); ++d) state.inner *= in.dim(d);
  }
}

template <class T> void dequantize(OpContext& ctx) {
  const State& state = ctx.state<State>();
  const T* in = ctx.input(0).as<T>();
  float* out = ctx.output(0).as<float>();
  const int64_t count = ctx.input(0).elements();
  for (int64_t i = 0; i < count; ++i) {
    const size_t channel = static_cast<size_t>((i / state.inner) % state.channels);
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
