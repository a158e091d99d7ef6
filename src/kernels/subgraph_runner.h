// Control-flow kernels (IF, WHILE) run other subgraphs of the model through this interface, which the
// interpreter implements.
#pragma once

#include <vector>

#include "kernels/tensor_buffer.h"

namespace lq::rt {

class SubgraphRunner {
 public:
  virtual ~SubgraphRunner() = default;
  // Plans subgraph `index` for inputs of these shapes and returns its output shapes.
  virtual std::vector<Shape> plan_subgraph(int index, const std::vector<Shape>& input_shapes) = 0;
  // Runs subgraph `index` on `inputs` and copies its outputs into `outputs`, whose shapes must be
  // the ones plan_subgraph returned.
  virtual void run_subgraph(int index, const std::vector<const TensorBuffer*>& inputs,
                            const std::vector<TensorBuffer*>& outputs) = 0;
};

}  // namespace lq::rt
