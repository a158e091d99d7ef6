// BATCH_MATMUL, float: lhs [..., m, k] (or [..., k, m] with adj_x) times rhs [..., k, n] (or
// [..., n, k] with adj_y). The leading batch dimensions broadcast NumPy-style (ranks may differ).
// Each output is a float sum over k in increasing order, as TFLite's reference computes it. An int8
// rhs (dynamic-range weights) goes to the hybrid kernel (batch_matmul_hybrid.cc), which shares the
// shape checks.
#include "kernels/reference/hybrid.h"

namespace lq::ref {
namespace {

Shape batch_dims(const TensorBuffer& t) { return Shape(t.shape.begin(), t.shape.end() - 2); }

}  // namespace

BatchMatMulShapes prepare_batch_matmul_shapes(OpContext& ctx) {
  check_io_count(ctx, 2, 2, 1);
  const auto& options = ctx.options<tflite::BatchMatMulOptionsT>();
  const TensorBuffer& lhs = ctx.input(0);
  const TensorBuffer& rhs = ctx.input(1);
  for (const TensorBuffer* t : {&lhs, &rhs})
    ctx.check(t->rank() >= 2, "input '", t->name(), "' has shape ", shape_string(t->shape),
              ", expected rank 2 or more");

  const int32_t lhs_depth = options.adj_x ? lhs.dim(-2) : lhs.dim(-1);
  const int32_t rhs_depth = options.adj_y ? rhs.dim(-1) : rhs.dim(-2);
  ctx.check(lhs_depth == rhs_depth, "lhs '", lhs.name(), "' (", shape_string(lhs.shape),
            options.adj_x ? ", adj_x" : "", ") and rhs '", rhs.name(), "' (",
            shape_string(rhs.shape), options.adj_y ? ", adj_y" : "",
            ") have different contraction sizes ", lhs_depth, " and ", rhs_depth);

  BatchMatMulShapes state;
  state.adj_x = options.adj_x;
  state.adj_y = options.adj_y;
  state.lhs_batch = batch_dims(lhs);
  state.rhs_batch = batch_dims(rhs);
  const size_t rank = std::max(state.lhs_batch.size(), state.rhs_batch.size());
  state.out_batch.assign(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const size_t from_end = rank - i;
    const int32_t a = from_end <= state.lhs_batch.size()
                          ? state.lhs_batch[state.lhs_batch.size() - from_end] : 1;
    const int32_t b = from_end <= state.rhs_batch.size()
                          ? state.rhs_batch[state.rhs_batch.size() - from_end] : 1;
    ctx.check(a == b || a == 1 || b == 1, "batch dimensions of lhs '", lhs.name(), "' (",
              shape_string(lhs.shape), ") and rhs '", rhs.name(), "' (", shape_string(rhs.shape),
              ") cannot be broadcast");
    state.out_batch[i] = a == 1 ? b : a;
  }
  Shape out_shape = state.out_batch;
  out_shape.push_back(options.adj_x ? lhs.dim(-1) : lhs.dim(-2));
  out_shape.push_back(options.adj_y ? rhs.dim(-2) : rhs.dim(-1));
  ctx.set_output_shape(0, out_shape);
  return state;
}

namespace {

void prepare(OpContext& ctx) {
  if (has_int8_weights(ctx)) return prepare_batch_matmul_hybrid(ctx);
  check_type(ctx, ctx.input(0), ElementType::kFloat32);
  check_type(ctx, ctx.input(1), ElementType::kFloat32);
  check_type(ctx, ctx.output(0), ElementType::kFloat32);
  ctx.make_state<BatchMatMulShapes>() = prepare_batch_matmul_shapes(ctx);
}

void eval(OpContext& ctx) {
  if (has_int8_weights(ctx)) return eval_batch_matmul_hybrid(ctx);
  const BatchMatMulShapes& s = ctx.state<BatchMatMulShapes>();
  const TensorBuffer& lhs = ctx.input(0);
  const TensorBuffer& rhs = ctx.input(1);
  TensorBuffer& output = ctx.output(0);
  const BatchMatMulShapes::Matrix m = s.matrix(lhs, output);
  const int64_t lhs_matrix = m.rows * m.depth, rhs_matrix = m.depth * m.cols;
  const int64_t out_matrix = m.rows * m.cols;
  const float* a = lhs.as<float>();
  const float* b = rhs.as<float>();
  float* out = output.as<float>();

  BroadcastIndex(s.lhs_batch, s.rhs_batch, s.out_batch)
      .for_each([&](int64_t ob, int64_t lb, int64_t rb) {
        const float* x = a + lb * lhs_matrix;
        const float* y = b + rb * rhs_matrix;
        float* z = out + ob * out_matrix;
        for (int64_t i = 0; i < m.rows; ++i) {
          for (int64_t j = 0; j < m.cols; ++j) {
            float total = 0.0f;
            for (int64_t k = 0; k < m.depth; ++k)
              total += x[i * m.lhs_i + k * m.lhs_k] * y[k * m.rhs_k + j * m.rhs_j];
            z[i * m.cols + j] = total;
          }
        }
      });
}

}  // namespace

LQ_REGISTER_KERNEL(BATCH_MATMUL, kFloat32, kReference, prepare, eval);

}  // namespace lq::ref
