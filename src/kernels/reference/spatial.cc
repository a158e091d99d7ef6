#include "kernels/reference/spatial.h"

namespace lq::ref {

void check_rank(const OpContext& ctx, const TensorBuffer& tensor, int rank) {
  ctx.check(tensor.rank() == rank, "tensor '", tensor.name(), "' has shape ",
            shape_string(tensor.shape), ", expected rank ", rank);
}

void check_positive(const OpContext& ctx, int64_t value, const char* what) {
  ctx.check(value > 0, what, " is ", value, ", expected a positive value");
}

PaddedDim window_dim(const OpContext& ctx, tflite::Padding padding, int32_t in, int32_t filter,
                     int32_t stride, int32_t dilation, const char* axis) {
  ctx.check(padding == tflite::Padding::SAME || padding == tflite::Padding::VALID, "padding ",
            static_cast<int>(padding), " is neither SAME nor VALID");
  check_positive(ctx, stride, cat(axis, " stride").c_str());
  check_positive(ctx, dilation, cat(axis, " dilation").c_str());
  check_positive(ctx, filter, cat(axis, " filter size").c_str());
  const PaddedDim dim = padded_dim(padding, in, filter, stride, dilation);
  ctx.check(dim.out > 0, "output ", axis, " would be ", dim.out, " (input ", in, ", filter ",
            filter, ", stride ", stride, ", dilation ", dilation, ", ",
            tflite::EnumNamePadding(padding), " padding)");
  return dim;
}

void check_optional_bias(const OpContext& ctx, int input, int32_t channels) {
  if (!ctx.has_input(input)) return;
  const TensorBuffer& bias = ctx.input(input);
  check_type(ctx, bias, ElementType::kFloat32);
  ctx.check(bias.elements() == channels, "bias '", bias.name(), "' has shape ",
            shape_string(bias.shape), ", expected ", channels,
            " elements (one per output channel)");
}

}  // namespace lq::ref
