// Ops that change a tensor's shape but not its data: Flatten, Reshape, Squeeze, Unsqueeze. Shapes
// are static, so each becomes a RESHAPE to the concrete output shape.
#include <limits>
#include <optional>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

// The axes of Squeeze/Unsqueeze: an attribute before opset 13, the optional input 1 from it.
std::optional<std::vector<int64_t>> axes_of(NodeContext& ctx) {
  if (ctx.opset() < 13) {
    if (!ctx.has_attr("axes")) return std::nullopt;
    return ctx.attr_ints("axes");
  }
  if (!ctx.has_input(1)) return std::nullopt;
  return ctx.constant_ints(1);
}

// Axes normalized against `rank` (negative counts from the end), each at most once.
std::vector<bool> axis_set(NodeContext& ctx, const std::vector<int64_t>& axes, int rank) {
  std::vector<bool> set(static_cast<size_t>(rank), false);
  for (int64_t axis : axes) {
    const int a = ctx.axis(axis, rank);
    ctx.check(!set[static_cast<size_t>(a)], "axis ", axis, " is given twice");
    set[static_cast<size_t>(a)] = true;
  }
  return set;
}

void translate_flatten(NodeContext& ctx) {
  const Shape s = ctx.input_shape(0);
  const int rank = static_cast<int>(s.size());
  // Flatten's axis may also be the rank: everything in the outer dimension.
  const int64_t attr = ctx.attr_int("axis", 1);
  const int axis = attr == rank ? rank : ctx.axis(attr, rank);
  int64_t outer = 1, inner = 1;
  for (int d = 0; d < rank; ++d) (d < axis ? outer : inner) *= s[static_cast<size_t>(d)];
  ctx.set_output(
      0, ctx.reshape(ctx.input(0), {static_cast<int32_t>(outer), static_cast<int32_t>(inner)},
                     "flatten"));
}

// ONNX's shape input: 0 copies the input's dimension (unless allowzero), one -1 is inferred.
Shape reshape_target(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const std::vector<int64_t> requested = ctx.constant_ints(1);
  const bool allow_zero = ctx.attr_int("allowzero", 0) != 0;
  Shape out;
  int inferred = -1;
  int64_t known = 1;
  for (size_t d = 0; d < requested.size(); ++d) {
    int64_t dim = requested[d];
    if (dim == 0 && !allow_zero) {
      ctx.check(d < in.size(), "shape entry ", d,
                " is 0 (copy the input's dimension), but the input ", shape_string(in),
                " has no dimension ", d);
      dim = in[d];
    }
    if (dim == -1) {
      ctx.check(inferred < 0, "shape has more than one -1");
      inferred = static_cast<int>(d);
    } else {
      ctx.check(dim >= 0 && dim <= std::numeric_limits<int32_t>::max(), "shape entry ", dim,
                " is invalid");
      known *= dim;
    }
    out.push_back(static_cast<int32_t>(dim));
  }
  const int64_t count = num_elements(in);
  if (inferred >= 0) {
    ctx.check(known > 0 && count % known == 0, "cannot infer the -1 in shape ", shape_string(out),
              " for an input of shape ", shape_string(in));
    out[static_cast<size_t>(inferred)] = static_cast<int32_t>(count / known);
  }
  ctx.check(num_elements(out) == count, "cannot reshape ", shape_string(in), " to ",
            shape_string(out));
  return out;
}

void translate_reshape(NodeContext& ctx) {
  ctx.set_output(0, ctx.reshape(ctx.input(0), reshape_target(ctx), "reshape"));
}

void translate_squeeze(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const std::optional<std::vector<int64_t>> axes = axes_of(ctx);
  // Without axes, every dimension of size 1 goes.
  const std::vector<bool> squeezed =
      axes ? axis_set(ctx, *axes, static_cast<int>(in.size())) : std::vector<bool>(in.size(), true);
  Shape out;
  for (size_t d = 0; d < in.size(); ++d) {
    if (squeezed[d] && in[d] == 1) continue;
    ctx.check(!squeezed[d] || !axes, "cannot squeeze dimension ", d, " of size ", in[d], " (input ",
              shape_string(in), ")");
    out.push_back(in[d]);
  }
  ctx.set_output(0, ctx.reshape(ctx.input(0), out, "squeeze"));
}

void translate_unsqueeze(NodeContext& ctx) {
  const Shape in = ctx.input_shape(0);
  const std::optional<std::vector<int64_t>> axes = axes_of(ctx);
  ctx.check(axes.has_value(), "has no axes");
  const int rank = static_cast<int>(in.size() + axes->size());
  const std::vector<bool> inserted = axis_set(ctx, *axes, rank);  // axes index the output
  Shape out;
  auto next = in.begin();
  for (int d = 0; d < rank; ++d) out.push_back(inserted[static_cast<size_t>(d)] ? 1 : *next++);
  ctx.set_output(0, ctx.reshape(ctx.input(0), out, "unsqueeze"));
}

LQ_REGISTER_ONNX_OP("Flatten", translate_flatten);
LQ_REGISTER_ONNX_OP("Reshape", translate_reshape);
LQ_REGISTER_ONNX_OP("Squeeze", translate_squeeze);
LQ_REGISTER_ONNX_OP("Unsqueeze", translate_unsqueeze);

}  // namespace
}  // namespace lq::frontend
