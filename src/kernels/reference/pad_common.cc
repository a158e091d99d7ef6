#include "kernels/reference/pad_common.h"

#include <cstring>

namespace lq::ref {

namespace {

struct PadState {
  std::vector<int64_t> before;  // leading padding per dimension
};

}  // namespace

void prepare_pad_geometry(OpContext& ctx, ElementType type) {
  check_io_count(ctx, 2, 3, 1);
  const TensorBuffer& input = ctx.input(0);
  const TensorBuffer& paddings = ctx.input(1);
  check_type(ctx, input, type);
  check_type(ctx, ctx.output(0), type);
  const int rank = input.rank();
  ctx.check(paddings.shape == Shape{rank, 2}, "paddings '", paddings.name(), "' has shape ",
            shape_string(paddings.shape), ", expected ", rank, "x2 for input '", input.name(),
            "' of shape ", shape_string(input.shape));
  const std::vector<int64_t> values = rank > 0 ? read_int_tensor(ctx, 1) : std::vector<int64_t>{};

  PadState& state = ctx.make_state<PadState>();
  Shape out_shape = input.shape;
  for (int d = 0; d < rank; ++d) {
    const int64_t before = values[static_cast<size_t>(2 * d)];
    const int64_t after = values[static_cast<size_t>(2 * d + 1)];
    ctx.check(before >= 0 && after >= 0, "paddings of dimension ", d, " are (", before, ", ",
              after, "), expected non-negative values");
    const int64_t size = input.shape[static_cast<size_t>(d)] + before + after;
    ctx.check(size <= std::numeric_limits<int32_t>::max(), "padded dimension ", d, " is too large");
    out_shape[static_cast<size_t>(d)] = static_cast<int32_t>(size);
    state.before.push_back(before);
  }
  ctx.set_output_shape(0, out_shape);
}

void prepare_pad_float(OpContext& ctx) {
  prepare_pad_geometry(ctx, ElementType::kFloat32);
  if (ctx.has_input(2)) {
    const TensorBuffer& value = ctx.input(2);
    check_type(ctx, value, ElementType::kFloat32);
    ctx.check(value.elements() == 1, "constant value '", value.name(), "' has shape ",
              shape_string(value.shape), ", expected one element");
  }
}

void eval_pad_float(OpContext& ctx) {
  const float value = ctx.has_input(2) ? ctx.input(2).as<float>()[0] : 0.0f;
  eval_pad_bytes(ctx, &value, sizeof(float));
}

void eval_pad_bytes(OpContext& ctx, const void* value, size_t element_size) {
  const PadState& state = ctx.state<PadState>();
  const TensorBuffer& input = ctx.input(0);
  TensorBuffer& output = ctx.output(0);
  const uint8_t* in = input.data;
  uint8_t* out = output.data;
  const int64_t out_count = output.elements();
  for (int64_t i = 0; i < out_count; ++i)
    std::memcpy(out + static_cast<size_t>(i) * element_size, value, element_size);

  // Copies each input element to its place in the output, walking the input in row-major order.
  const Shape& shape = input.shape;
  const std::vector<int64_t> out_stride = strides_of(output.shape);
  int64_t o = 0;
  for (size_t d = 0; d < shape.size(); ++d) o += state.before[d] * out_stride[d];
  std::vector<int32_t> index(shape.size(), 0);
  const int64_t count = input.elements();
  for (int64_t i = 0; i < count; ++i) {
    std::memcpy(out + static_cast<size_t>(o) * element_size,
                in + static_cast<size_t>(i) * element_size, element_size);
    for (size_t d = shape.size(); d-- > 0;) {  // odometer increment
      o += out_stride[d];
      if (++index[d] < shape[d]) break;
      o -= out_stride[d] * shape[d];
      index[d] = 0;
    }
  }
}

}  // namespace lq::ref
