// Convolution2DTransposeBias, MediaPipe's custom transposed convolution (selfie segmentation and
// other MediaPipe models), float. Inputs: input [n, h, w, in_ch], weights [out_ch, kh, kw, in_ch],
// bias [out_ch]. The custom options are not FlexBuffers but a raw little struct, as MediaPipe reads
// them (TfLiteTransposeConvParams): int32 padding (TfLitePadding: 1 = SAME, 2 = VALID), int32
// stride_width, int32 stride_height; later fields, if any, are ignored. The output size is
// stride * (in - 1) + filter - padding, where SAME padding is max(0, filter - (in - 1) % stride - 1)
// and its leading half is cropped. The output starts at the bias and each input element is
// scattered into it in TFLite's reference order; there is no activation.
#include <cstring>

#include "kernels/reference/transpose_conv_scatter.h"

namespace lq::ref {
namespace {

struct RawOptions {
  int32_t padding = 0;  // TfLitePadding
  int32_t stride_w = 0;
  int32_t stride_h = 0;
};
constexpr size_t kRawOptionsBytes = 3 * sizeof(int32_t);
constexpr int32_t kTfLitePaddingSame = 1;
constexpr int32_t kTfLitePaddingValid = 2;

RawOptions parse_options(const OpContext& ctx) {
  const std::vector<uint8_t>& bytes = ctx.op().custom_options;
  ctx.check(bytes.size() >= kRawOptionsBytes, "custom options have ", bytes.size(),
            " bytes, expected at least ", kRawOptionsBytes,
            " (int32 padding, stride_width, stride_height)");
  int32_t fields[3];
  std::memcpy(fields, bytes.data(), kRawOptionsBytes);
  RawOptions options{fields[0], fields[1], fields[2]};
  ctx.check(options.padding == kTfLitePaddingSame || options.padding == kTfLitePaddingValid,
            "custom options padding is ", options.padding, ", expected 1 (SAME) or 2 (VALID)");
  check_positive(ctx, options.stride_w, "stride_width");
  check_positive(ctx, options.stride_h, "stride_height");
  return options;
}

// Output size and total padding of one dimension, as MediaPipe computes them.
struct UpsampledDim {
  int32_t out = 0;
  int32_t padding = 0;
};
UpsampledDim upsampled_dim(bool same, int32_t in, int32_t filter, int32_t stride) {
  UpsampledDim dim;
  if (same) dim.padding = std::max(0, filter - (in - 1) % stride - 1);
  dim.out = stride * (in - 1) + filter - dim.padding;
  return dim;
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 3, 3, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& weights = ctx.input(1);
  const TensorBuffer& bias = ctx.input(2);
  for (int i = 0; i < 3; ++i) check_type(ctx, ctx.input(i), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  check_rank(ctx, input, 4);
  check_rank(ctx, weights, 4);
  check_rank(ctx, bias, 1);
  ctx.check(input.dim(3) == weights.dim(3), "weights '", weights.name(), "' have ",
            weights.dim(3), " input channels but input '", input.name(), "' has ", input.dim(3));
  ctx.check(bias.dim(0) == weights.dim(0), "bias '", bias.name(), "' has ", bias.dim(0),
            " elements, expected ", weights.dim(0), " (one per output channel)");
  check_positive(ctx, input.dim(1), "input height");
  check_positive(ctx, input.dim(2), "input width");
  check_positive(ctx, weights.dim(1), "filter height");
  check_positive(ctx, weights.dim(2), "filter width");

  const RawOptions options = parse_options(ctx);
  const bool same = options.padding == kTfLitePaddingSame;
  const UpsampledDim h = upsampled_dim(same, input.dim(1), weights.dim(1), options.stride_h);
  const UpsampledDim w = upsampled_dim(same, input.dim(2), weights.dim(2), options.stride_w);
  ctx.check(h.out > 0 && w.out > 0, "output would be ", h.out, "x", w.out);
  ctx.set_output_shape(0, {input.dim(0), h.out, w.out, weights.dim(0)});

  TransposeConvGeometry& g = ctx.make_state<TransposeConvGeometry>();
  g.stride_h = options.stride_h;
  g.stride_w = options.stride_w;
  g.pad_h = h.padding / 2;
  g.pad_w = w.padding / 2;
}

void eval(OpContext& ctx) {
  TensorBuffer& output = ctx.output(0);
  const float* bias = ctx.input(2).as<float>();
  float* out = output.as<float>();
  const int64_t count = output.elements();
  const int64_t channels = output.dim(3);
  for (int64_t i = 0; i < count; ++i) out[i] = bias[i % channels];
  transpose_conv_scatter(ctx.input(0), ctx.input(1), output, ctx.state<TransposeConvGeometry>());
}

}  // namespace

LQ_REGISTER_CUSTOM_KERNEL("Convolution2DTransposeBias", kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
