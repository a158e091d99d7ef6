#include "kernels/reference/common.h"

namespace lq::ref {

ActivationRange activation_range(const OpContext& ctx, tflite::ActivationFunctionType activation) {
  using tflite::ActivationFunctionType;
  switch (activation) {
    case ActivationFunctionType::NONE: return {};
    case ActivationFunctionType::RELU: return {0.0f, std::numeric_limits<float>::infinity()};
    case ActivationFunctionType::RELU_N1_TO_1: return {-1.0f, 1.0f};
    case ActivationFunctionType::RELU6: return {0.0f, 6.0f};
    default:
      ctx.fail("fused activation ", tflite::EnumNameActivationFunctionType(activation),
               " is not supported");
  }
}

PaddedDim padded_dim(tflite::Padding padding, int32_t in, int32_t filter, int32_t stride,
                     int32_t dilation) {
  const int32_t effective = (filter - 1) * dilation + 1;
  PaddedDim dim;
  if (padding == tflite::Padding::SAME) {
    dim.out = (in + stride - 1) / stride;
    const int32_t total = std::max(0, (dim.out - 1) * stride + effective - in);
    dim.pad_before = total / 2;
  } else {
    dim.out = (in - effective + stride) / stride;
  }
  return dim;
}

BroadcastIndex::BroadcastIndex(const Shape& a, const Shape& b, const Shape& out)
    : out_(out), a_stride_(out.size(), 0), b_stride_(out.size(), 0), same_(a == out && b == out) {
  auto fill = [&](const Shape& in, std::vector<int64_t>& stride) {
    const std::vector<int64_t> in_strides = strides_of(in);
    const size_t offset = out.size() - in.size();
    for (size_t d = 0; d < in.size(); ++d)
      stride[d + offset] = in[d] == 1 ? 0 : in_strides[d];
  };
  fill(a, a_stride_);
  fill(b, b_stride_);
}

void check_io_count(const OpContext& ctx, int min_inputs, int max_inputs, int outputs) {
  ctx.check(ctx.num_inputs() >= min_inputs && ctx.num_inputs() <= max_inputs, "has ",
            ctx.num_inputs(), " inputs, expected ", min_inputs,
            min_inputs == max_inputs ? "" : cat(" to ", max_inputs));
  ctx.check(ctx.num_outputs() == outputs, "has ", ctx.num_outputs(), " outputs, expected ",
            outputs);
}

void check_type(const OpContext& ctx, const TensorBuffer& tensor, ElementType expected) {
  ctx.check(tensor.type == expected, "tensor '", tensor.name(), "' is ",
            element_type_name(tensor.type), ", expected ", element_type_name(expected));
}

std::vector<int64_t> read_int_tensor(const OpContext& ctx, int input) {
  const TensorBuffer& tensor = ctx.input(input);
  ctx.check(tensor.tensor->is_constant(), "tensor '", tensor.name(), "' must be constant");
  const int64_t count = tensor.elements();
  std::vector<int64_t> values(static_cast<size_t>(count));
  if (tensor.type == ElementType::kInt32) {
    for (int64_t i = 0; i < count; ++i) values[i] = tensor.as<int32_t>()[i];
  } else if (tensor.type == ElementType::kInt64) {
    for (int64_t i = 0; i < count; ++i) values[i] = tensor.as<int64_t>()[i];
  } else {
    ctx.fail("tensor '", tensor.name(), "' is ", element_type_name(tensor.type),
             ", expected int32 or int64");
  }
  return values;
}

int normalize_axis(const OpContext& ctx, int64_t axis, int rank) {
  ctx.check(axis >= -rank && axis < std::max(rank, 1), "axis ", axis, " is out of range for rank ",
            rank);
  return static_cast<int>(axis < 0 ? axis + rank : axis);
}

}  // namespace lq::ref
