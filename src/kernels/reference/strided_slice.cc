// STRIDED_SLICE: NumPy-style slicing input[begin:end:stride, ...] with TFLite's masks. begin, end
// and strides are constant int32/int64 vectors, one entry per slice spec; bit i of a mask refers to
// spec i:
//   begin_mask / end_mask  ignore begin[i] / end[i] and take the fullest range for the stride sign;
//   ellipsis_mask          spec i stands for as many full dimensions as the specs leave unnamed;
//   new_axis_mask          spec i inserts a dimension of size 1 (ignored on the ellipsis spec);
//   shrink_axis_mask       take the one element at begin[i] and drop the dimension;
//   offset option          end[i] is relative to begin[i] (a size, not an index).
// Dimensions after the last spec are taken whole. Negative begin/end count from the end of their
// dimension; they are then clamped to the dimension as TFLite's StridedSliceStartForAxis /
// StridedSliceEndForAxis do. A shrunk index outside the dimension is an error.
#include "kernels/reference/data_movement.h"

namespace lq::ref {
namespace {

bool bit(int32_t mask, int i) { return i < 32 && ((static_cast<uint32_t>(mask) >> i) & 1u) != 0; }

int64_t clamp_index(int64_t v, int64_t lo, int64_t hi) { return v < lo ? lo : (v > hi ? hi : v); }

// One dimension of the input after the specs are expanded: new axes are dimensions of size 1.
struct Axis {
  int64_t size = 1;
  int64_t stride = 0;  // of the input, in elements (0 for a new axis)
  int64_t begin = 0, end = 0, step = 1;
  bool begin_mask = false, end_mask = false, shrink = false;
};

// Expands the ellipsis and new axes: one Axis per dimension of the "effective" input, which is the
// input with the new axes inserted. Follows TFLite's BuildStridedSliceParams.
std::vector<Axis> expand_specs(const OpContext& ctx, const tflite::StridedSliceOptionsT& options,
                               const std::vector<int64_t>& begin, const std::vector<int64_t>& end,
                               const std::vector<int64_t>& strides) {
  const TensorBuffer& in = ctx.input(0);
  const std::vector<int64_t> in_strides = strides_of(in.shape);
  const int specs = static_cast<int>(begin.size());
  const int rank = in.rank();
  int ellipses = 0, new_axes = 0;
  for (int i = 0; i < specs; ++i) {
    ellipses += bit(options.ellipsis_mask, i);
    new_axes += !bit(options.ellipsis_mask, i) && bit(options.new_axis_mask, i);
  }
  ctx.check(ellipses <= 1, "ellipsis_mask has ", ellipses, " bits set, at most one is allowed");
  ctx.check(specs - ellipses - new_axes <= rank, specs, " slice specs name more dimensions than ",
            "the input rank ", rank);
  const int effective_rank = rank + new_axes;

  std::vector<Axis> axes;
  int in_dim = 0;  // the input dimension the next non-new axis refers to
  for (int spec = 0; spec < specs || static_cast<int>(axes.size()) < effective_rank; ++spec) {
    if (spec < specs && bit(options.ellipsis_mask, spec)) {
      // The ellipsis covers the input dimensions the specs after it do not name.
      int named_after = 0;
      for (int j = spec + 1; j < specs; ++j) named_after += !bit(options.new_axis_mask, j);
      for (; in_dim < rank - named_after; ++in_dim) {
        Axis& axis = axes.emplace_back();
        axis.size = in.shape[static_cast<size_t>(in_dim)];
        axis.stride = in_strides[static_cast<size_t>(in_dim)];
        axis.begin_mask = axis.end_mask = true;
      }
      continue;
    }
    Axis& axis = axes.emplace_back();
    if (spec < specs && bit(options.new_axis_mask, spec)) {
      axis.end = 1;  // [0, 1) of a dimension of size 1
      continue;
    }
    axis.size = in.shape[static_cast<size_t>(in_dim)];
    axis.stride = in_strides[static_cast<size_t>(in_dim)];
    ++in_dim;
    if (spec >= specs) {  // past the last spec: the whole dimension
      axis.begin_mask = axis.end_mask = true;
      continue;
    }
    axis.begin = begin[static_cast<size_t>(spec)];
    axis.end = end[static_cast<size_t>(spec)];
    axis.step = strides[static_cast<size_t>(spec)];
    axis.begin_mask = bit(options.begin_mask, spec);
    axis.end_mask = bit(options.end_mask, spec);
    axis.shrink = bit(options.shrink_axis_mask, spec);
  }
  return axes;
}

void prepare(OpContext& ctx) {
  check_io_count(ctx, 4, 4, 1);
  const TensorBuffer& in = ctx.input(0);
  const size_t element_size = check_copyable(ctx, ctx.output(0), in.type);
  const auto& options = ctx.options<tflite::StridedSliceOptionsT>();
  const std::vector<int64_t> begin = read_int_tensor(ctx, 1);
  const std::vector<int64_t> end = read_int_tensor(ctx, 2);
  const std::vector<int64_t> strides = read_int_tensor(ctx, 3);
  ctx.check(end.size() == begin.size() && strides.size() == begin.size(), "begin, end and strides ",
            "have ", begin.size(), ", ", end.size(), " and ", strides.size(),
            " entries, expected equal counts");
  ctx.check(begin.size() <= 32, begin.size(), " slice specs are more than the masks can address");

  StridedView view;
  for (const Axis& axis : expand_specs(ctx, options, begin, end, strides)) {
    ctx.check(axis.step != 0, "stride is 0");
    const int64_t size = axis.size;
    // Start: negative counts from the end, clamp to the valid range for the direction, then the
    // begin mask takes the first element in the direction of travel.
    int64_t start = axis.begin < 0 ? axis.begin + size : axis.begin;
    if (axis.shrink && !axis.begin_mask) {
      ctx.check(start >= 0 && start < size, "shrink_axis index ", axis.begin,
                " is out of range for a dimension of size ", size);
    }
    start = axis.step > 0 ? clamp_index(start, 0, size) : clamp_index(start, -1, size - 1);
    if (axis.begin_mask) start = axis.step > 0 ? 0 : size - 1;
    if (axis.shrink) {  // one element, and no output dimension
      ctx.check(start >= 0 && start < size, "cannot shrink an empty dimension");
      view.start += start * axis.stride;
      continue;
    }
    int64_t stop = options.offset ? axis.end + start : axis.end;
    if (stop < 0) stop += size;
    stop = axis.step > 0 ? clamp_index(stop, 0, size) : clamp_index(stop, -1, size - 1);
    if (axis.end_mask) stop = axis.step > 0 ? size : -1;
    // Elements start, start + step, ... before stop: ceil((stop - start) / step), at least 0.
    const int64_t span = stop - start;
    const int64_t count = axis.step > 0
                              ? (span <= 0 ? 0 : (span + axis.step - 1) / axis.step)
                              : (span >= 0 ? 0 : (-span + (-axis.step) - 1) / (-axis.step));
    if (count > 0) view.start += start * axis.stride;
    view.shape.push_back(static_cast<int32_t>(count));
    view.strides.push_back(axis.step * axis.stride);
  }
  ctx.set_output_shape(0, view.shape);
  set_views(ctx, 0, element_size, {view});
}

}  // namespace

LQ_REGISTER_REFERENCE_KERNELS(STRIDED_SLICE, kCopyTypes, prepare, eval_views);

}  // namespace lq::ref
