// IF: runs the then- or else-subgraph on inputs 1.. depending on the boolean input 0. Both branches
// must give outputs of the same shapes, so that shapes are known before running.
#include "kernels/reference/common.h"

namespace lq::ref {
namespace {

struct IfState {
  int then_index = 0, else_index = 0;
};

std::vector<const TensorBuffer*> branch_inputs(const OpContext& ctx) {
  std::vector<const TensorBuffer*> inputs;
  for (int i = 1; i < ctx.num_inputs(); ++i) inputs.push_back(&ctx.input(i));
  return inputs;
}

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::IfOptionsT>();
  ctx.check(ctx.num_inputs() >= 1, "has no condition input");
  check_type(ctx, ctx.input(0), ElementType::kBool);
  ctx.check(ctx.input(0).elements() == 1, "condition must have one element");
  std::vector<Shape> shapes;
  for (const TensorBuffer* in : branch_inputs(ctx)) shapes.push_back(in->shape);
  const std::vector<Shape> then_shapes = ctx.runner().plan_subgraph(options.then_subgraph_index, shapes);
  const std::vector<Shape> else_shapes = ctx.runner().plan_subgraph(options.else_subgraph_index, shapes);
  ctx.check(then_shapes.size() == static_cast<size_t>(ctx.num_outputs()) &&
                else_shapes == then_shapes,
            "branches must give ", ctx.num_outputs(), " outputs of equal shapes");
  for (int i = 0; i < ctx.num_outputs(); ++i) ctx.set_output_shape(i, then_shapes[static_cast<size_t>(i)]);
  ctx.make_state<IfState>() = {options.then_subgraph_index, options.else_subgraph_index};
}

void eval(OpContext& ctx) {
  const IfState& state = ctx.state<IfState>();
  std::vector<TensorBuffer*> outputs;
  for (int i = 0; i < ctx.num_outputs(); ++i) outputs.push_back(&ctx.output(i));
  const bool cond = *ctx.input(0).as<bool>();
  ctx.runner().run_subgraph(cond ? state.then_index : state.else_index, branch_inputs(ctx), outputs);
}

}  // namespace

LQ_REGISTER_KERNEL(IF, kBool, kReference, prepare, eval);

}  // namespace lq::ref
