// WHILE: outputs start as the inputs; while the condition subgraph returns true on them, the body
// subgraph replaces them. Shapes must stay the same across iterations.
#include "kernels/reference/data_movement.h"

#include <cstring>

namespace lq::ref {
namespace {

struct WhileState {
  int cond_index = 0, body_index = 0;
};

void prepare(OpContext& ctx) {
  const auto& options = ctx.options<tflite::WhileOptionsT>();
  ctx.check(ctx.num_inputs() == ctx.num_outputs(), "has ", ctx.num_inputs(), " inputs but ",
            ctx.num_outputs(), " outputs; they must be equal");
  std::vector<Shape> shapes;
  for (int i = 0; i < ctx.num_inputs(); ++i) {
    check_type(ctx, ctx.output(i), ctx.input(i).type);
    shapes.push_back(ctx.input(i).shape);
  }
  const std::vector<Shape> cond = ctx.runner().plan_subgraph(options.cond_subgraph_index, shapes);
  ctx.check(cond.size() == 1 && num_elements(cond[0]) == 1,
            "condition subgraph must give one boolean element");
  ctx.check(ctx.runner().plan_subgraph(options.body_subgraph_index, shapes) == shapes,
            "body subgraph must keep the shapes of the loop variables");
  for (int i = 0; i < ctx.num_outputs(); ++i) ctx.set_output_shape(i, shapes[static_cast<size_t>(i)]);
  ctx.make_state<WhileState>() = {options.cond_subgraph_index, options.body_subgraph_index};
}

void eval(OpContext& ctx) {
  const WhileState& state = ctx.state<WhileState>();
  std::vector<const TensorBuffer*> values;
  std::vector<TensorBuffer*> outputs;
  for (int i = 0; i < ctx.num_outputs(); ++i) {
    std::memcpy(ctx.output(i).data, ctx.input(i).data, ctx.input(i).bytes);
    outputs.push_back(&ctx.output(i));
    values.push_back(&ctx.output(i));
  }
  bool go = false;
  TensorBuffer cond{ctx.output(0).tensor, ElementType::kBool, {}, reinterpret_cast<uint8_t*>(&go), 1};
  for (;;) {
    ctx.runner().run_subgraph(state.cond_index, values, {&cond});
    if (!go) break;
    ctx.runner().run_subgraph(state.body_index, values, outputs);  // inputs are copied in first
  }
}

}  // namespace

// WHILE is keyed by its first loop variable's type.
LQ_REGISTER_REFERENCE_KERNELS(WHILE, kCopyTypes, prepare, eval);

}  // namespace lq::ref
