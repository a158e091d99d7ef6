// Gemm and MatMul. With constant 2-D weights both become FULLY_CONNECTED (weights [units, K], as
// TFLite's converter writes them; MatMul over more than two dimensions keeps them with
// keep_num_dims); MatMul of two activations becomes BATCH_MATMUL.
#include "frontend/onnx/node_context.h"

namespace lq::frontend {
namespace {

using tflite::BuiltinOperator;

int scaled(NodeContext& ctx, int tensor, float factor, const std::string& suffix) {
  if (factor == 1.0f) return tensor;
  const int k = ctx.scalar(suffix + "_factor", factor);
  return ctx.op(BuiltinOperator::MUL, {tensor, k}, {}, std::nullopt, suffix);
}

int fully_connected(NodeContext& ctx, int x, int weights, int bias, bool keep_num_dims) {
  tflite::FullyConnectedOptionsT options;
  options.keep_num_dims = keep_num_dims;
  return ctx.op(BuiltinOperator::FULLY_CONNECTED, {x, weights, bias}, make_options(options));
}

// Y = alpha * A' * B' + beta * C, A' = A or A^T, B' = B or B^T. An integer Gemm would reach MUL
// (which has int32 kernels) with the float32 alpha and fail there, so the type is checked first.
void translate_gemm(NodeContext& ctx) {
  ctx.require_float(0);
  ctx.check(ctx.input_rank(0) == 2 && ctx.input_rank(1) == 2, "A and B must be matrices, got ",
            shape_string(ctx.input_shape(0)), " and ", shape_string(ctx.input_shape(1)));
  int a = ctx.input(0);
  if (ctx.attr_int("transA", 0)) a = ctx.transpose(a, {1, 0}, "a_t");
  int weights = ctx.input(1);  // FULLY_CONNECTED wants B^T: [N, K]
  if (!ctx.attr_int("transB", 0)) weights = ctx.transpose(weights, {1, 0}, "b_t");
  weights = scaled(ctx, weights, ctx.attr_float("alpha", 1.0f), "alpha");
  const int32_t units = ctx.builder().tensor(weights).shape[0];
  const float beta = ctx.attr_float("beta", 1.0f);
  // A C of [N] or [1, N] is FULLY_CONNECTED's bias; any other broadcast is an ADD after it.
  int bias = -1, add = -1;
  if (ctx.has_input(2) && beta != 0.0f) {
    const int c = scaled(ctx, ctx.input(2), beta, "beta");
    const Shape& cs = ctx.builder().tensor(c).shape;
    if (num_elements(cs) == units && cs.back() == units) bias = ctx.reshape(c, {units}, "bias");
    else add = c;
  }
  if (bias < 0) bias = ctx.constant("bias", {units}, std::vector<float>(static_cast<size_t>(units), 0.0f));
  int y = fully_connected(ctx, a, weights, bias, false);
  if (add >= 0) y = ctx.op(BuiltinOperator::ADD, {y, add}, {}, std::nullopt, "add_c");
  ctx.set_output(0, y);
}

void translate_matmul(NodeContext& ctx) {
  const Shape a = ctx.input_shape(0), b = ctx.input_shape(1);
  if (a.size() < 2 || b.size() < 2) ctx.unsupported("MatMul of a vector (rank-1 operand)");
  if (ctx.input_is_constant(1) && b.size() == 2) {
    const int weights = ctx.transpose(ctx.input(1), {1, 0}, "weights");
    const int bias = ctx.constant("bias", {b[1]}, std::vector<float>(static_cast<size_t>(b[1]), 0.0f));
    ctx.set_output(0, fully_connected(ctx, ctx.input(0), weights, bias, a.size() > 2));
    return;
  }
  ctx.set_output(0, ctx.op(BuiltinOperator::BATCH_MATMUL, {ctx.input(0), ctx.input(1)},
                           make_options(tflite::BatchMatMulOptionsT{})));
}

LQ_REGISTER_ONNX_OP("Gemm", translate_gemm);
LQ_REGISTER_ONNX_OP("MatMul", translate_matmul);

}  // namespace
}  // namespace lq::frontend
