// Reductions: ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd (MEAN, SUM, REDUCE_MAX,
// REDUCE_MIN, REDUCE_PROD with keep_dims), SUM between elementwise ops for ReduceSumSquare,
// ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, and ArgMax, ArgMin (ARG_MAX, ARG_MIN with
// int64 output, whose reduced dimension a RESHAPE puts back for keepdims).
#include <optional>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

void require_float(NodeContext& ctx) {
  if (ctx.input_type(0) != ElementType::kFloat32)
    ctx.unsupported(element_type_name(ctx.input_type(0)),
                    " input (litequant's reduction kernels are float32 only)");
}

// The reduced axes: the 'axes' attribute, or input 1 for ReduceSum from opset 13 (the other
// reductions take it from opset 18). None given: every axis, or none with noop_with_empty_axes.
std::vector<int32_t> reduced_axes(NodeContext& ctx, bool axes_input) {
  const int rank = ctx.input_rank(0);
  std::vector<int64_t> axes =
      axes_input ? (ctx.has_input(1) ? ctx.constant_ints(1) : std::vector<int64_t>{})
                 : ctx.attr_ints("axes");
  if (axes.empty() && !ctx.attr_int("noop_with_empty_axes", 0))
    for (int d = 0; d < rank; ++d) axes.push_back(d);
  std::vector<int32_t> out;
  for (int64_t axis : axes) {
    const int64_t a = axis < 0 ? axis + rank : axis;
    ctx.check(a >= 0 && a < rank, "axis ", axis, " is out of range for rank ", rank);
    out.push_back(static_cast<int32_t>(a));
  }
  return out;
}

// A reduction `code`, with an elementwise op before it and one after it when given (the
// composed reductions: ReduceL2 is SQRT(SUM(SQUARE(x))), ...).
void translate_reduce(NodeContext& ctx, BuiltinOperator code,
                      std::optional<BuiltinOperator> before = {},
                      std::optional<BuiltinOperator> after = {}) {
  require_float(ctx);
  const bool axes_input = code == BuiltinOperator::SUM && !before && !after && ctx.opset() >= 13;
  const std::vector<int32_t> axes = reduced_axes(ctx, axes_input);
  if (axes.empty()) {  // noop_with_empty_axes
    ctx.set_output(0, ctx.input(0));
    return;
  }
  tflite::ReducerOptionsT options;
  options.keep_dims = ctx.attr_int("keepdims", 1) != 0;
  const int axes_tensor = ctx.constant("axes", {static_cast<int32_t>(axes.size())}, axes);
  int y = ctx.input(0);
  if (before) y = ctx.op(*before, {y});
  y = ctx.op(code, {y, axes_tensor}, make_options(options));
  if (after) y = ctx.op(*after, {y});
  ctx.set_output(0, y);
}

// A GATHER of `params` along `axis` at constant `indices`.
int gather(NodeContext& ctx, int params, int axis, const std::vector<int32_t>& indices,
           const std::string& suffix) {
  tflite::GatherOptionsT options;
  options.axis = axis;
  const int index_tensor =
      ctx.constant(suffix + "_indices", {static_cast<int32_t>(indices.size())}, indices);
  return ctx.op(BuiltinOperator::GATHER, {params, index_tensor}, make_options(options),
                std::nullopt, suffix);
}

// TFLite takes the first of equal elements; select_last_index takes the first of the input
// reversed along the axis and maps index i back to dim - 1 - i (a GATHER from that table).
template <class OptionsT> void translate_arg(NodeContext& ctx, BuiltinOperator code) {
  const ElementType type = ctx.input_type(0);
  if (type != ElementType::kFloat32 && type != ElementType::kInt8 && type != ElementType::kUInt8 &&
      type != ElementType::kInt32)
    ctx.unsupported(element_type_name(type),
                    " input (ARG_MAX and ARG_MIN take float32, int8, uint8, int32)");
  const Shape in = ctx.input_shape(0);
  const int rank = static_cast<int>(in.size());
  const int64_t axis = ctx.attr_int("axis", 0);
  const int a = static_cast<int>(axis < 0 ? axis + rank : axis);
  ctx.check(a >= 0 && a < rank, "axis ", axis, " is out of range for rank ", rank);
  const int32_t dim = in[static_cast<size_t>(a)];
  const bool last = ctx.attr_int("select_last_index", 0) != 0;
  std::vector<int32_t> reversed;
  for (int32_t i = dim - 1; i >= 0; --i) reversed.push_back(i);
  const int x = last ? gather(ctx, ctx.input(0), a, reversed, "reverse") : ctx.input(0);
  OptionsT options;
  options.output_type = tflite::TensorType::INT64;
  const int axis_tensor = ctx.constant("axis", {1}, std::vector<int32_t>{a});
  int y = ctx.op(code, {x, axis_tensor}, make_options(options), ElementType::kInt64);
  if (last) {
    const int table =
        ctx.constant("last_index", {dim}, std::vector<int64_t>(reversed.begin(), reversed.end()));
    tflite::GatherOptionsT gather_options;
    y = ctx.op(BuiltinOperator::GATHER, {table, y}, make_options(gather_options), std::nullopt,
               "last_index");
  }
  if (ctx.attr_int("keepdims", 1)) {
    Shape kept = in;
    kept[static_cast<size_t>(a)] = 1;
    y = ctx.reshape(y, kept, "keepdims");
  }
  ctx.set_output(0, y);
}

LQ_REGISTER_ONNX_OP("ReduceMean",
                    [](NodeContext& ctx) { translate_reduce(ctx, BuiltinOperator::MEAN); });
LQ_REGISTER_ONNX_OP("ReduceSum",
                    [](NodeContext& ctx) { translate_reduce(ctx, BuiltinOperator::SUM); });
LQ_REGISTER_ONNX_OP("ReduceMax",
                    [](NodeContext& ctx) { translate_reduce(ctx, BuiltinOperator::REDUCE_MAX); });
LQ_REGISTER_ONNX_OP("ReduceMin",
                    [](NodeContext& ctx) { translate_reduce(ctx, BuiltinOperator::REDUCE_MIN); });
LQ_REGISTER_ONNX_OP("ReduceProd",
                    [](NodeContext& ctx) { translate_reduce(ctx, BuiltinOperator::REDUCE_PROD); });
LQ_REGISTER_ONNX_OP("ReduceSumSquare", [](NodeContext& ctx) {
  translate_reduce(ctx, BuiltinOperator::SUM, BuiltinOperator::SQUARE);
});
LQ_REGISTER_ONNX_OP("ReduceL1", [](NodeContext& ctx) {
  translate_reduce(ctx, BuiltinOperator::SUM, BuiltinOperator::ABS);
});
LQ_REGISTER_ONNX_OP("ReduceL2", [](NodeContext& ctx) {
  translate_reduce(ctx, BuiltinOperator::SUM, BuiltinOperator::SQUARE, BuiltinOperator::SQRT);
});
LQ_REGISTER_ONNX_OP("ReduceLogSum", [](NodeContext& ctx) {
  translate_reduce(ctx, BuiltinOperator::SUM, std::nullopt, BuiltinOperator::LOG);
});
LQ_REGISTER_ONNX_OP("ReduceLogSumExp", [](NodeContext& ctx) {
  translate_reduce(ctx, BuiltinOperator::SUM, BuiltinOperator::EXP, BuiltinOperator::LOG);
});
LQ_REGISTER_ONNX_OP("ArgMax", [](NodeContext& ctx) {
  translate_arg<tflite::ArgMaxOptionsT>(ctx, BuiltinOperator::ARG_MAX);
});
LQ_REGISTER_ONNX_OP("ArgMin", [](NodeContext& ctx) {
  translate_arg<tflite::ArgMinOptionsT>(ctx, BuiltinOperator::ARG_MIN);
});

}  // namespace
}  // namespace lq::frontend
