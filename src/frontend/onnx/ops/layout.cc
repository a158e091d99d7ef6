#include "frontend/onnx/ops/layout.h"

namespace lq::frontend {

namespace {

int32_t narrow_attr(NodeContext& ctx, int64_t value, const char* what) {
  ctx.check(value >= 0 && value < (int64_t{1} << 24), what, " ", value, " is out of range");
  return static_cast<int32_t>(value);
}

// [x] -> {1, x}; [h, w] -> {h, w}; anything else is a 3-D or higher window.
std::array<int32_t, 2> widen(NodeContext& ctx, const std::vector<int64_t>& v, int32_t fallback,
                             const char* what) {
  if (v.empty()) return {fallback, fallback};
  if (v.size() == 1) return {1, narrow_attr(ctx, v[0], what)};
  if (v.size() != 2) ctx.unsupported(v.size(), "-D windows (", what, ")");
  return {narrow_attr(ctx, v[0], what), narrow_attr(ctx, v[1], what)};
}

struct SamePads {
  int32_t before, after;
};

SamePads same_pads(int32_t in, int32_t kernel, int32_t stride, int32_t dilation) {
  const int32_t effective = (kernel - 1) * dilation + 1;
  const int32_t out = (in + stride - 1) / stride;
  const int32_t total = std::max((out - 1) * stride + effective - in, 0);
  return {total / 2, total - total / 2};
}

}  // namespace

int spatial_input_nhwc(NodeContext& ctx, int tensor) {
  const Shape& s = ctx.builder().tensor(tensor).shape;
  if (s.size() == 3) tensor = ctx.reshape(tensor, {s[0], s[1], 1, s[2]}, "as_2d");
  else if (s.size() != 4) ctx.unsupported("rank-", s.size(), " input (only 1-D and 2-D spatial ops)");
  return ctx.transpose(tensor, kToNhwc, "to_nhwc");
}

int spatial_output(NodeContext& ctx, int nhwc, int input_rank) {
  const int nchw = ctx.transpose(nhwc, kToNchw, "to_nchw");
  if (input_rank == 4) return nchw;
  const Shape s = ctx.builder().tensor(nchw).shape;
  return ctx.reshape(nchw, {s[0], s[1], s[3]}, "as_1d");
}

Window2d window_attributes(NodeContext& ctx, const Shape& input, std::array<int32_t, 2> kernel) {
  Window2d w;
  w.kernel = ctx.has_attr("kernel_shape") ? widen(ctx, ctx.attr_ints("kernel_shape"), 1, "kernel_shape")
                                          : kernel;
  w.stride = widen(ctx, ctx.attr_ints("strides"), 1, "strides");
  w.dilation = widen(ctx, ctx.attr_ints("dilations"), 1, "dilations");
  const std::vector<int64_t> pads = ctx.attr_ints("pads");
  if (pads.size() == 2) w.pads = {0, narrow_attr(ctx, pads[0], "pads"), 0, narrow_attr(ctx, pads[1], "pads")};
  else if (pads.size() == 4)
    for (size_t i = 0; i < 4; ++i) w.pads[i] = narrow_attr(ctx, pads[i], "pads");
  else if (!pads.empty()) ctx.unsupported(pads.size() / 2, "-D pads");
  for (int32_t v : {w.kernel[0], w.kernel[1], w.stride[0], w.stride[1], w.dilation[0], w.dilation[1]})
    ctx.check(v > 0, "kernel_shape, strides and dilations must be positive");
  const std::string auto_pad = ctx.attr_string("auto_pad", "NOTSET");
  const int32_t in_h = input.size() == 4 ? input[2] : 1, in_w = input.back();
  if (auto_pad == "SAME_UPPER" || auto_pad == "SAME_LOWER") {
    const SamePads h = same_pads(in_h, w.kernel[0], w.stride[0], w.dilation[0]);
    const SamePads x = same_pads(in_w, w.kernel[1], w.stride[1], w.dilation[1]);
    w.pads = auto_pad == "SAME_UPPER" ? std::array<int32_t, 4>{h.before, x.before, h.after, x.after}
                                      : std::array<int32_t, 4>{h.after, x.after, h.before, x.before};
  } else if (auto_pad == "VALID") {
    w.pads = {0, 0, 0, 0};
  } else if (auto_pad != "NOTSET") {
    ctx.fail("auto_pad '", auto_pad, "' is not an ONNX padding mode");
  }
  if (ctx.attr_int("ceil_mode", 0)) {
    // Ceil mode adds a partial window at the end: the same as padding the end further.
    const int32_t in[2] = {in_h, in_w};
    for (int d = 0; d < 2; ++d) {
      const int32_t effective = (w.kernel[d] - 1) * w.dilation[d] + 1;
      const int32_t span = in[d] + w.pads[d] + w.pads[d + 2] - effective;
      const int32_t out = (span + w.stride[d] - 1) / w.stride[d] + 1;
      w.pads[d + 2] += std::max(0, (out - 1) * w.stride[d] + effective - (in[d] + w.pads[d] + w.pads[d + 2]));
    }
  }
  return w;
}

tflite::Padding resolve_padding(NodeContext& ctx, int* input, const Window2d& w, float pad_value,
                                bool allow_same) {
  if (w.pads == std::array<int32_t, 4>{0, 0, 0, 0}) return tflite::Padding::VALID;
  const Shape& s = ctx.builder().tensor(*input).shape;
  const SamePads h = same_pads(s[1], w.kernel[0], w.stride[0], w.dilation[0]);
  const SamePads x = same_pads(s[2], w.kernel[1], w.stride[1], w.dilation[1]);
  if (allow_same && w.pads == std::array<int32_t, 4>{h.before, x.before, h.after, x.after})
    return tflite::Padding::SAME;
  const int paddings = ctx.constant("pads", {4, 2}, std::vector<int32_t>{0, 0, w.pads[0], w.pads[2],
                                                                         w.pads[1], w.pads[3], 0, 0});
  if (pad_value == 0.0f) {
    *input = ctx.op(tflite::BuiltinOperator::PAD, {*input, paddings}, {}, std::nullopt, "pad");
  } else {
    const int value = ctx.scalar("pad_value", pad_value);
    *input = ctx.op(tflite::BuiltinOperator::PADV2, {*input, paddings, value}, {}, std::nullopt, "pad");
  }
  return tflite::Padding::VALID;
}

}  // namespace lq::frontend
