#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {

TypesRegistrar::TypesRegistrar(tflite::BuiltinOperator op, std::span<const ElementType> types,
                               rt::Kernel kernel) {
  for (ElementType type : types)
    rt::KernelRegistry::global().add({op, "", type, rt::KernelKind::kReference}, kernel);
}

size_t check_copyable(const OpContext& ctx, const TensorBuffer& tensor, ElementType type) {
  check_type(ctx, tensor, type);
  const size_t size = element_size(type);
  ctx.check(size > 0, "tensor '", tensor.name(), "' has element type ", element_type_name(type),
            ", which has no fixed size");
  return size;
}

void eval_copy(OpContext& ctx) {
  const TensorBuffer& in = ctx.input(0);
  const size_t bytes = static_cast<size_t>(in.elements()) * element_size(in.type);
  if (bytes > 0) std::memcpy(ctx.output(0).data, in.data, bytes);
}

int64_t read_int_scalar(const OpContext& ctx, int input) {
  const std::vector<int64_t> values = read_int_tensor(ctx, input);
  ctx.check(values.size() == 1, "tensor '", ctx.input(input).name(), "' has ", values.size(),
            " elements, expected a scalar");
  return values[0];
}

StridedView full_view(const Shape& shape) { return {0, shape, strides_of(shape)}; }

StridedView coalesce(const StridedView& view) {
  StridedView out;
  out.start = view.start;
  if (num_elements(view.shape) == 0) {
    out.shape = {0};
    out.strides = {1};
    return out;
  }
  for (size_t d = 0; d < view.shape.size(); ++d) {
    if (view.shape[d] == 1) continue;  // contributes nothing to the offset
    if (!out.shape.empty() && out.strides.back() == view.strides[d] * view.shape[d]) {
      out.shape.back() *= view.shape[d];  // the previous dimension steps over this one exactly
      out.strides.back() = view.strides[d];
      continue;
    }
    out.shape.push_back(view.shape[d]);
    out.strides.push_back(view.strides[d]);
  }
  return out;
}

std::vector<StridedView> split_views(const Shape& in, int axis, const std::vector<int32_t>& sizes) {
  const StridedView whole = full_view(in);
  std::vector<StridedView> views;
  int64_t offset = 0;
  for (int32_t size : sizes) {
    StridedView& view = views.emplace_back(whole);
    view.start = offset * whole.strides[static_cast<size_t>(axis)];
    view.shape[static_cast<size_t>(axis)] = size;
    offset += size;
  }
  return views;
}

namespace {

// Copies `count` elements of N bytes, `stride` elements apart in the input.
template <size_t N>
void copy_strided_row(const uint8_t* in, int64_t stride, int64_t count, uint8_t* out) {
  for (int64_t i = 0; i < count; ++i, in += stride * static_cast<int64_t>(N), out += N)
    std::memcpy(out, in, N);
}

void copy_row(const uint8_t* in, int64_t stride, int64_t count, size_t element_size, uint8_t* out) {
  if (stride == 1) {
    std::memcpy(out, in, static_cast<size_t>(count) * element_size);
    return;
  }
  switch (element_size) {
    case 1: return copy_strided_row<1>(in, stride, count, out);
    case 2: return copy_strided_row<2>(in, stride, count, out);
    case 4: return copy_strided_row<4>(in, stride, count, out);
    case 8: return copy_strided_row<8>(in, stride, count, out);
    default:
      for (int64_t i = 0; i < count; ++i, out += element_size)
        std::memcpy(out, in + i * stride * static_cast<int64_t>(element_size), element_size);
  }
}

}  // namespace

void copy_view(const StridedView& view, const uint8_t* in, size_t element_size, uint8_t* out) {
  const int64_t count = num_elements(view.shape);
  if (count == 0) return;
  const int64_t elem = static_cast<int64_t>(element_size);
  if (view.shape.empty()) {
    std::memcpy(out, in + view.start * elem, element_size);
    return;
  }
  // Rows along the last dimension; an odometer over the others.
  const size_t outer_rank = view.shape.size() - 1;
  const int64_t row = view.shape.back();
  const int64_t row_stride = view.strides.back();
  std::vector<int32_t> index(outer_rank, 0);
  int64_t offset = view.start;
  for (int64_t done = 0; done < count; done += row) {
    copy_row(in + offset * elem, row_stride, row, element_size, out);
    out += row * elem;
    for (size_t d = outer_rank; d-- > 0;) {
      offset += view.strides[d];
      if (++index[d] < view.shape[d]) break;
      offset -= view.strides[d] * view.shape[d];
      index[d] = 0;
    }
  }
}

void set_views(OpContext& ctx, int input, size_t element_size, std::vector<StridedView> views) {
  ViewState& state = ctx.make_state<ViewState>();
  state.input = input;
  state.element_size = element_size;
  for (const StridedView& view : views) state.views.push_back(coalesce(view));
}

void eval_views(OpContext& ctx) {
  const ViewState& state = ctx.state<ViewState>();
  const uint8_t* in = ctx.input(state.input).data;
  for (size_t i = 0; i < state.views.size(); ++i)
    copy_view(state.views[i], in, state.element_size, ctx.output(static_cast<int>(i)).data);
}

}  // namespace lq::ref
