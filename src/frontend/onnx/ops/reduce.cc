// Reductions: ReduceMean, ReduceSum, ReduceMax, ReduceMin, ReduceProd (MEAN, SUM, REDUCE_MAX,
// REDUCE_MIN, REDUCE_PROD with keep_dims), SUM between elementwise ops for ReduceSumSquare,
// ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, and ArgMax, ArgMin (ARG_MAX, ARG_MIN with
// int64 output, whose reduced dimension a RESHAPE puts back for keepdims).
#include <optional>

#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

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
  for (int64_t axis : axes) out.push_back(ctx.axis(axis, rank));
  return out;
}

// A reduction `code`, with an elementwise op before it and one after it when given (the
// composed reductions: ReduceL2 is SQRT(SUM(SQUARE(x))), ...).
void translate_reduce(NodeContext& ctx, BuiltinOperator code,
                      std::optional<BuiltinOperator> before = {},
                      std::optional<BuiltinOperator> after = {}) {
  const bool axes_input = code == BuiltinOperator::SUM && !before && !after && ctx.opset() >= 13;
  const std::vector<int32_t> axes = reduced_axes(ctx, axes_input);
  if (axes.empty()) {  // noop_with_empty_axes
    ctx.set_output(0, ctx.input(0));
    return;
  }
  int y = ctx.input(0);
  if (before) y = ctx.op(*before, {y});
  y = ctx.reduce(code, y, axes, ctx.attr_int("keepdims", 1) != 0);
  if (after) y = ctx.op(*after, {y});
  ctx.set_output(0, y);
}

// TFLite takes the first of equal elements; select_last_index takes the first of the input
// reversed along the axis and maps index i back to dim - 1 - i (a GATHER from that table).
template <class OptionsT> void translate_arg(NodeContext& ctx, BuiltinOperator code) {
  const Shape in = ctx.input_shape(0);
  const int rank = static_cast<int>(in.size());
  const int a = ctx.axis(ctx.attr_int("axis", 0), rank);
  const int32_t dim = in[static_cast<size_t>(a)];
  const bool last = ctx.attr_int("select_last_index", 0) != 0;
  std::vector<int32_t> reversed;
  for (int32_t i = dim - 1; i >= 0; --i) reversed.push_back(i);
  const int x = last ? ctx.gather(ctx.input(0), a, reversed, "reverse") : ctx.input(0);
  OptionsT options;
  options.output_type = tflite::TensorType::INT64;
  const int axis_tensor = ctx.int32_vector("axis", {a});
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

LQ_REGISTER_ONNX_OP_WITH("ReduceMean", translate_reduce, BuiltinOperator::MEAN);
LQ_REGISTER_ONNX_OP_WITH("ReduceSum", translate_reduce, BuiltinOperator::SUM);
LQ_REGISTER_ONNX_OP_WITH("ReduceMax", translate_reduce, BuiltinOperator::REDUCE_MAX);
LQ_REGISTER_ONNX_OP_WITH("ReduceMin", translate_reduce, BuiltinOperator::REDUCE_MIN);
LQ_REGISTER_ONNX_OP_WITH("ReduceProd", translate_reduce, BuiltinOperator::REDUCE_PROD);
LQ_REGISTER_ONNX_OP_WITH("ReduceSumSquare", translate_reduce, BuiltinOperator::SUM,
                         BuiltinOperator::SQUARE);
LQ_REGISTER_ONNX_OP_WITH("ReduceL1", translate_reduce, BuiltinOperator::SUM, BuiltinOperator::ABS);
LQ_REGISTER_ONNX_OP_WITH("ReduceL2", translate_reduce, BuiltinOperator::SUM,
                         BuiltinOperator::SQUARE, BuiltinOperator::SQRT);
LQ_REGISTER_ONNX_OP_WITH("ReduceLogSum", translate_reduce, BuiltinOperator::SUM, std::nullopt,
                         BuiltinOperator::LOG);
LQ_REGISTER_ONNX_OP_WITH("ReduceLogSumExp", translate_reduce, BuiltinOperator::SUM,
                         BuiltinOperator::EXP, BuiltinOperator::LOG);
LQ_REGISTER_ONNX_OP_WITH("ArgMax", translate_arg<tflite::ArgMaxOptionsT>, BuiltinOperator::ARG_MAX);
LQ_REGISTER_ONNX_OP_WITH("ArgMin", translate_arg<tflite::ArgMinOptionsT>, BuiltinOperator::ARG_MIN);

}  // namespace
}  // namespace lq::frontend
