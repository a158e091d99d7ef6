// Data-movement ops and shape arithmetic on tensors of any layout: Transpose, Concat, Split, Slice,
// Gather, Expand, Tile, Pad (constant mode as PAD, reflect and edge as GATHERs), and the ops whose
// result is known at conversion: Shape, Size (shapes are static), ConstantOfShape and Range (of
// constants), NonZero (of a constant).
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

// ONNX int64 values for a TFLite int32 shape, axes or paddings input.
std::vector<int32_t> narrow(NodeContext& ctx, const std::vector<int64_t>& values,
                            const char* what) {
  std::vector<int32_t> out;
  for (int64_t v : values) {
    ctx.check(v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max(),
              what, " value ", v, " does not fit in int32");
    out.push_back(static_cast<int32_t>(v));
  }
  return out;
}

void translate_transpose(NodeContext& ctx) {
  const int rank = ctx.input_rank(0);
  std::vector<int64_t> reversed;
  for (int d = rank - 1; d >= 0; --d) reversed.push_back(d);
  const std::vector<int64_t> perm = ctx.attr_ints("perm", reversed);
  ctx.check(static_cast<int>(perm.size()) == rank, "perm has ", perm.size(), " entries for rank ",
            rank);
  ctx.set_output(
      0, ctx.transpose(ctx.input(0), std::vector<int>(perm.begin(), perm.end()), "transpose"));
}

void translate_concat(NodeContext& ctx) {
  ctx.check(ctx.has_attr("axis"), "has no axis attribute");
  std::vector<int> inputs;
  for (int i = 0; i < ctx.num_inputs(); ++i) inputs.push_back(ctx.input(i));
  tflite::ConcatenationOptionsT options;
  options.axis = ctx.axis(ctx.attr_int("axis", 0), ctx.input_rank(0));
  ctx.set_output(0, ctx.op(BuiltinOperator::CONCATENATION, inputs, make_options(options)));
}

// Split: sizes from the 'split' attribute (before opset 13) or input 1, else equal pieces. Equal
// pieces become SPLIT, others SPLIT_V.
void translate_split(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const int axis = ctx.axis(ctx.attr_int("axis", 0), static_cast<int>(in.size()));
  const int32_t dim = in[static_cast<size_t>(axis)];
  const int n = ctx.num_outputs();
  ctx.check(n > 0, "has no outputs");
  std::vector<int64_t> sizes =
      ctx.opset() < 13 ? ctx.attr_ints("split")
                       : (ctx.has_input(1) ? ctx.constant_ints(1) : std::vector<int64_t>{});
  if (sizes.empty()) {
    ctx.check(dim % n == 0, "dimension ", axis, " of ", shape_string(in), " does not split into ",
              n, " equal pieces");
    sizes.assign(static_cast<size_t>(n), dim / n);
  }
  ctx.check(static_cast<int>(sizes.size()) == n, "has ", sizes.size(), " split sizes for ", n,
            " outputs");
  const int axis_tensor = ctx.constant("axis", {}, std::vector<int32_t>{axis});
  const bool equal =
      std::all_of(sizes.begin(), sizes.end(), [&](int64_t s) { return s == sizes[0]; });
  const std::vector<ElementType> types(static_cast<size_t>(n), ctx.input_type(0));
  std::vector<int> outputs;
  if (equal) {
    tflite::SplitOptionsT options;
    options.num_splits = n;
    outputs = ctx.op_with_outputs(BuiltinOperator::SPLIT, {axis_tensor, ctx.input(0)},
                                  make_options(options), types, "split");
  } else {
    tflite::SplitVOptionsT options;
    options.num_splits = n;
    const int size_tensor = ctx.int32_vector("sizes", narrow(ctx, sizes, "split"));
    outputs = ctx.op_with_outputs(BuiltinOperator::SPLIT_V, {ctx.input(0), size_tensor, axis_tensor},
                                  make_options(options), types, "split");
  }
  for (int i = 0; i < n; ++i) ctx.set_output(i, outputs[static_cast<size_t>(i)]);
}

// One sliced dimension: `count` elements from `start` every `step`.
struct SliceDim {
  int64_t start = 0, count = 0, step = 1;
};

// ONNX's clamping: negative starts/ends count from the end, then starts clamp to [0, dim] and ends
// to [0, dim] going forward, to [0, dim - 1] and [-1, dim - 1] going backward.
SliceDim slice_dim(int64_t dim, int64_t start, int64_t end, int64_t step) {
  if (dim == 0) return {0, 0, step};
  // Any step beyond the dimension takes one element; bounding it keeps the arithmetic in range.
  step = std::clamp<int64_t>(step, -(int64_t{1} << 40), int64_t{1} << 40);
  if (start < 0) start += dim;
  if (end < 0) end += dim;
  SliceDim s;
  s.step = step;
  if (step > 0) {
    s.start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    s.count = end > s.start ? (end - s.start + step - 1) / step : 0;
  } else {
    s.start = std::clamp<int64_t>(start, 0, dim - 1);
    end = std::clamp<int64_t>(end, -1, dim - 1);
    s.count = s.start > end ? (s.start - end - step - 1) / -step : 0;
  }
  return s;
}

// starts, ends, axes, steps: attributes before opset 10, inputs 1..4 from it.
std::vector<SliceDim> slice_dims(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const int rank = static_cast<int>(in.size());
  const bool attrs = ctx.opset() < 10;
  const std::vector<int64_t> starts = attrs ? ctx.attr_ints("starts") : ctx.constant_ints(1);
  const std::vector<int64_t> ends = attrs ? ctx.attr_ints("ends") : ctx.constant_ints(2);
  std::vector<int64_t> axes =
      attrs ? ctx.attr_ints("axes")
            : (ctx.has_input(3) ? ctx.constant_ints(3) : std::vector<int64_t>{});
  std::vector<int64_t> steps =
      !attrs && ctx.has_input(4) ? ctx.constant_ints(4) : std::vector<int64_t>{};
  for (size_t i = axes.size(); axes.size() < starts.size(); ++i)
    axes.push_back(static_cast<int64_t>(i));
  if (steps.empty()) steps.assign(starts.size(), 1);
  ctx.check(
      ends.size() == starts.size() && axes.size() == starts.size() && steps.size() == starts.size(),
      "starts, ends, axes and steps have ", starts.size(), ", ", ends.size(), ", ", axes.size(),
      " and ", steps.size(), " entries, expected equal counts");
  std::vector<SliceDim> dims(static_cast<size_t>(rank));
  std::vector<bool> seen(static_cast<size_t>(rank), false);
  for (int d = 0; d < rank; ++d) dims[static_cast<size_t>(d)].count = in[static_cast<size_t>(d)];
  for (size_t i = 0; i < starts.size(); ++i) {
    const size_t axis = static_cast<size_t>(ctx.axis(axes[i], rank));
    ctx.check(!seen[axis], "axis ", axes[i], " is sliced twice");
    ctx.check(steps[i] != 0, "step is 0");
    seen[axis] = true;
    dims[axis] = slice_dim(in[axis], starts[i], ends[i], steps[i]);
  }
  return dims;
}

// Unit steps are a SLICE; other steps a STRIDED_SLICE whose end is one step past the last element
// (the end mask when that is before element 0). A step larger than the dimension takes at most one
// element, so it is narrowed to +-1 to fit int32.
void translate_slice(NodeContext& ctx) {
  const std::vector<SliceDim> dims = slice_dims(ctx);
  std::vector<int32_t> begin, end, strides, sizes;
  int32_t end_mask = 0;
  bool unit_steps = true;
  for (size_t d = 0; d < dims.size(); ++d) {
    const SliceDim& s = dims[d];
    const int64_t sign = s.step > 0 ? 1 : -1;
    const int64_t stop = s.count == 0 ? s.start : s.start + (s.count - 1) * s.step + sign;
    if (stop < 0) end_mask |= 1 << d;
    unit_steps &= s.step == 1;
    begin.push_back(static_cast<int32_t>(s.start));
    end.push_back(static_cast<int32_t>(std::max<int64_t>(stop, 0)));
    strides.push_back(static_cast<int32_t>(s.count > 1 ? s.step : sign));
    sizes.push_back(static_cast<int32_t>(s.count));
  }
  const int begin_tensor = ctx.int32_vector("begin", begin);
  if (unit_steps) {
    const int size_tensor = ctx.int32_vector("size", sizes);
    ctx.set_output(0, ctx.op(BuiltinOperator::SLICE, {ctx.input(0), begin_tensor, size_tensor}));
    return;
  }
  tflite::StridedSliceOptionsT options;
  options.end_mask = end_mask;
  const int end_tensor = ctx.int32_vector("end", end);
  const int strides_tensor = ctx.int32_vector("strides", strides);
  ctx.set_output(
      0, ctx.op(BuiltinOperator::STRIDED_SLICE,
                {ctx.input(0), begin_tensor, end_tensor, strides_tensor}, make_options(options)));
}

// Constant indices are normalized (negative counts from the end) into int32; computed indices go
// to GATHER as they are, which rejects negative ones.
void translate_gather(NodeContext& ctx) {
  const Shape data = ctx.input_shape(0);
  const int axis = ctx.axis(ctx.attr_int("axis", 0), static_cast<int>(data.size()));
  int indices = ctx.input(1);
  if (ctx.input_is_constant(1)) {
    const int64_t dim = data[static_cast<size_t>(axis)];
    std::vector<int32_t> normalized;
    for (int64_t i : ctx.constant_ints(1)) {
      ctx.check(i >= -dim && i < dim, "index ", i, " is out of range for dimension ", axis, " of ",
                shape_string(data));
      normalized.push_back(static_cast<int32_t>(i < 0 ? i + dim : i));
    }
    indices = ctx.constant("indices", ctx.input_shape(1), normalized);
  }
  tflite::GatherOptionsT options;
  options.axis = axis;
  ctx.set_output(0,
                 ctx.op(BuiltinOperator::GATHER, {ctx.input(0), indices}, make_options(options)));
}

// Shape (with opset 15's start and end) and Size are constants: shapes are static.
void translate_shape(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const int64_t rank = static_cast<int64_t>(in.size());
  auto clamped = [&](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + rank : v, 0, rank); };
  const int64_t start = clamped(ctx.attr_int("start", 0));
  const int64_t end = clamped(ctx.attr_int("end", rank));
  std::vector<int64_t> dims;
  for (int64_t d = start; d < end; ++d) dims.push_back(in[static_cast<size_t>(d)]);
  ctx.set_output(0, ctx.constant("shape", {static_cast<int32_t>(dims.size())}, dims));
}

void translate_size(NodeContext& ctx) {
  ctx.set_output(0,
                 ctx.constant("size", {}, std::vector<int64_t>{num_elements(ctx.input_shape(0))}));
}

Shape shape_from_ints(NodeContext& ctx, const std::vector<int64_t>& dims) {
  Shape shape;
  for (int64_t d : dims) {
    ctx.check(d >= 0 && d <= std::numeric_limits<int32_t>::max(), "dimension ", d, " is invalid");
    shape.push_back(static_cast<int32_t>(d));
  }
  return shape;
}

// A tensor of the shape given by input 0 filled with the one-element 'value' (float 0 by default).
void translate_constant_of_shape(NodeContext& ctx) {
  const Shape shape = shape_from_ints(ctx, ctx.constant_ints(0));
  ir::Tensor value;
  value.type = ElementType::kFloat32;
  value.data.assign(4, 0);
  if (const onnx::AttributeProto* a = ctx.attr("value"))
    value = tensor_from_onnx(a->t(), ctx.describe());
  ctx.check(num_elements(value.shape) == 1, "value has ", num_elements(value.shape),
            " elements, expected 1");
  ir::Tensor t;
  t.name = ctx.output_name();
  t.type = value.type;
  t.shape = shape;
  for (int64_t i = 0; i < num_elements(shape); ++i)
    t.data.insert(t.data.end(), value.data.begin(), value.data.end());
  ctx.set_output(0, ctx.builder().add_constant(std::move(t)));
}

// start + i * delta for i < max(ceil((limit - start) / delta), 0), computed here from constants.
template <class T> int range_constant(NodeContext& ctx) {
  auto scalar = [&](int i) -> T {
    if constexpr (std::is_floating_point_v<T>)
      return static_cast<T>(ctx.constant_floats(i).at(0));
    else
      return static_cast<T>(ctx.constant_ints(i).at(0));
  };
  const T start = scalar(0), limit = scalar(1), delta = scalar(2);
  ctx.check(delta != T(0), "delta is 0");
  const double count =
      std::max(std::ceil(static_cast<double>(limit - start) / static_cast<double>(delta)), 0.0);
  ctx.check(count <= (1 << 28), "Range of ", count, " elements is too large");
  std::vector<T> values;
  for (int64_t k = 0; k < static_cast<int64_t>(count); ++k)
    values.push_back(static_cast<T>(start + static_cast<T>(k) * delta));
  return ctx.constant("range", {static_cast<int32_t>(values.size())}, values);
}

void translate_range(NodeContext& ctx) {
  for (int k = 0; k < 3; ++k)
    if (!ctx.input_is_constant(k))
      ctx.unsupported("Range of computed inputs (only constants are folded)");
  switch (ctx.input_type(0)) {
    case ElementType::kFloat32: ctx.set_output(0, range_constant<float>(ctx)); break;
    case ElementType::kInt32: ctx.set_output(0, range_constant<int32_t>(ctx)); break;
    case ElementType::kInt64: ctx.set_output(0, range_constant<int64_t>(ctx)); break;
    default: ctx.unsupported("Range of ", element_type_name(ctx.input_type(0)));
  }
}

// Expand broadcasts the input to the shape input: a RESHAPE to the output's rank, then TILE.
void translate_expand(NodeContext& ctx) {
  Shape in = ctx.input_shape(0);
  const Shape out = broadcast_shapes(in, shape_from_ints(ctx, ctx.constant_ints(1)));
  int x = ctx.input(0);
  if (in.size() < out.size()) {
    in.insert(in.begin(), out.size() - in.size(), 1);
    x = ctx.reshape(x, in, "expand_rank");
  }
  std::vector<int32_t> multiples;
  for (size_t d = 0; d < out.size(); ++d) multiples.push_back(in[d] == out[d] ? 1 : out[d]);
  if (std::all_of(multiples.begin(), multiples.end(), [](int32_t m) { return m == 1; })) {
    ctx.set_output(0, x);
    return;
  }
  ctx.set_output(0, ctx.op(BuiltinOperator::TILE, {x, ctx.int32_vector("multiples", multiples)}));
}

void translate_tile(NodeContext& ctx) {
  const std::vector<int32_t> repeats = narrow(ctx, ctx.constant_ints(1), "repeats");
  ctx.check(static_cast<int>(repeats.size()) == ctx.input_rank(0), "has ", repeats.size(),
            " repeats for an input of rank ", ctx.input_rank(0));
  ctx.set_output(
      0, ctx.op(BuiltinOperator::TILE, {ctx.input(0), ctx.int32_vector("repeats", repeats)}));
}

// Pads as ONNX gives them ([begin_0, begin_1, ..., end_0, end_1, ...]): an attribute before opset
// 11, input 1 from it.
std::vector<int64_t> pads_of(NodeContext& ctx) {
  if (ctx.has_input(3)) ctx.unsupported("the axes input");
  const size_t rank = static_cast<size_t>(ctx.input_rank(0));
  const std::vector<int64_t> pads = ctx.opset() < 11 ? ctx.attr_ints("pads") : ctx.constant_ints(1);
  ctx.check(pads.size() == 2 * rank, "has ", pads.size(), " pads for rank ", rank, ", expected ",
            2 * rank);
  for (size_t d = 0; d < rank; ++d)
    ctx.check(ctx.input_shape(0)[d] + pads[d] + pads[d + rank] >= 0, "pads ", pads[d], " and ",
              pads[d + rank], " remove more than dimension ", d, " of ",
              shape_string(ctx.input_shape(0)));
  return pads;
}

// Constant mode: PAD (value 0) or PADV2 with the value ('value' attribute before opset 11, input 2
// from it); negative pads crop, with a SLICE after the padding.
int pad_constant(NodeContext& ctx, const std::vector<int64_t>& pads) {
  const Shape in = ctx.input_shape(0);
  const size_t rank = in.size();
  std::vector<int64_t> paddings, begin, size;  // paddings: [rank, 2] (before, after)
  bool crop = false;
  for (size_t d = 0; d < rank; ++d) {
    const int64_t before = pads[d], after = pads[d + rank];
    paddings.insert(paddings.end(), {std::max<int64_t>(before, 0), std::max<int64_t>(after, 0)});
    begin.push_back(std::max<int64_t>(-before, 0));
    size.push_back(in[d] + before + after);
    crop |= before < 0 || after < 0;
  }
  const int paddings_tensor =
      ctx.constant("paddings", {static_cast<int32_t>(rank), 2}, narrow(ctx, paddings, "pads"));
  int y;
  const bool has_value =
      ctx.opset() < 11 ? ctx.attr_float("value", 0.0f) != 0.0f : ctx.has_input(2);
  if (!has_value) {
    y = ctx.op(BuiltinOperator::PAD, {ctx.input(0), paddings_tensor}, {}, std::nullopt, "pad");
  } else {
    const int value =
        ctx.opset() < 11
            ? ctx.scalar("value", ctx.attr_float("value", 0.0f))
            : ctx.input(2);
    y = ctx.op(BuiltinOperator::PADV2, {ctx.input(0), paddings_tensor, value}, {}, std::nullopt,
               "pad");
  }
  if (!crop) return y;
  return ctx.op(BuiltinOperator::SLICE,
                {y, ctx.int32_vector("crop_begin", narrow(ctx, begin, "pads")),
                 ctx.int32_vector("crop_size", narrow(ctx, size, "pads"))},
                {}, std::nullopt, "crop");
}

// Where output element i (counted from the first padded element, at -before) reads along a
// dimension of size `dim`: mirrored about the first and last element, or the nearest edge.
int32_t source_index(int64_t i, int64_t dim, bool reflect) {
  if (!reflect || dim == 1) return static_cast<int32_t>(std::clamp<int64_t>(i, 0, dim - 1));
  const int64_t period = 2 * (dim - 1);
  i = ((i % period) + period) % period;
  return static_cast<int32_t>(i < dim ? i : period - i);
}

// Reflect and edge modes: each padded dimension is one GATHER of the elements it repeats (what
// MIRROR_PAD would do, on every element type).
int pad_by_gather(NodeContext& ctx, const std::vector<int64_t>& pads, bool reflect) {
  const Shape in = ctx.input_shape(0);
  const size_t rank = in.size();
  int y = ctx.input(0);
  for (size_t d = 0; d < rank; ++d) {
    const int64_t before = pads[d], after = pads[d + rank];
    if (before == 0 && after == 0) continue;
    ctx.check(in[d] > 0, "cannot pad the empty dimension ", d, " in mode '",
              reflect ? "reflect" : "edge", "'");
    std::vector<int32_t> indices;
    for (int64_t i = -before; i < in[d] + after; ++i)
      indices.push_back(source_index(i, in[d], reflect));
    y = ctx.gather(y, static_cast<int>(d), indices, cat("pad", d));
  }
  return y;
}

void translate_pad(NodeContext& ctx) {
  const std::string mode = ctx.attr_string("mode", "constant");
  ctx.check(mode == "constant" || mode == "reflect" || mode == "edge", "mode '", mode,
            "' is not an ONNX padding mode");
  const std::vector<int64_t> pads = pads_of(ctx);
  ctx.set_output(0, mode == "constant" ? pad_constant(ctx, pads)
                                       : pad_by_gather(ctx, pads, mode == "reflect"));
}

// NonZero's output shape depends on the data: only a constant input is computed (int64 [rank, n]:
// the coordinates of the nonzero elements, dimension by dimension).
void translate_nonzero(NodeContext& ctx) {
  if (!ctx.input_is_constant(0))
    ctx.unsupported("NonZero of a computed input (its output shape depends on the data)");
  const Shape in = ctx.input_shape(0);
  const std::vector<float> values = ctx.constant_floats(0);
  const std::vector<int64_t> strides = strides_of(in);
  std::vector<std::vector<int64_t>> coordinates(in.size());
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == 0.0f) continue;
    for (size_t d = 0; d < in.size(); ++d)
      coordinates[d].push_back(static_cast<int64_t>(i) / strides[d] % in[d]);
  }
  std::vector<int64_t> flat;
  for (const std::vector<int64_t>& c : coordinates) flat.insert(flat.end(), c.begin(), c.end());
  const int32_t count =
      static_cast<int32_t>(in.empty() ? (values[0] != 0.0f) : coordinates[0].size());
  ctx.set_output(0, ctx.constant("nonzero", {static_cast<int32_t>(in.size()), count}, flat));
}

LQ_REGISTER_ONNX_OP("Transpose", translate_transpose);
LQ_REGISTER_ONNX_OP("Concat", translate_concat);
LQ_REGISTER_ONNX_OP("Split", translate_split);
LQ_REGISTER_ONNX_OP("Slice", translate_slice);
LQ_REGISTER_ONNX_OP("Gather", translate_gather);
LQ_REGISTER_ONNX_OP("Shape", translate_shape);
LQ_REGISTER_ONNX_OP("Size", translate_size);
LQ_REGISTER_ONNX_OP("ConstantOfShape", translate_constant_of_shape);
LQ_REGISTER_ONNX_OP("Range", translate_range);
LQ_REGISTER_ONNX_OP("Expand", translate_expand);
LQ_REGISTER_ONNX_OP("Tile", translate_tile);
LQ_REGISTER_ONNX_OP("Pad", translate_pad);
LQ_REGISTER_ONNX_OP("NonZero", translate_nonzero);

}  // namespace
}  // namespace lq::frontend
