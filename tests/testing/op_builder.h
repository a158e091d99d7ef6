// Builds one-op models in memory for kernel tests: add tensors, add the op, run it.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "ir/graph.h"
#include "runtime/interpreter.h"

namespace lq::testing {

// Gives `tensor` its quantization: one scale and zero point per tensor, or one per slice along axis.
inline void set_quant(ir::Tensor& tensor, std::vector<float> scale, std::vector<int64_t> zero_point,
                      int32_t axis = 0) {
  tensor.quant.scale = std::move(scale);
  tensor.quant.zero_point = std::move(zero_point);
  tensor.quant.axis = axis;
}

class OpBuilder {
 public:
  OpBuilder() { model_.subgraphs.emplace_back(); }

  // An activation tensor; model inputs are fed by run() in the order they were added.
  int input(Shape shape, ElementType type = ElementType::kFloat32) {
    const int index = tensor(std::move(shape), type);
    graph().inputs.push_back(index);
    return index;
  }
  int output(Shape shape, ElementType type = ElementType::kFloat32) {
    const int index = tensor(std::move(shape), type);
    graph().outputs.push_back(index);
    return index;
  }
  template <class T> int constant(Shape shape, const std::vector<T>& values) {
    const int index = tensor(std::move(shape), element_type_of<T>());
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    graph().tensors[index].data.assign(bytes, bytes + values.size() * sizeof(T));
    return index;
  }
  int tensor(Shape shape, ElementType type) {
    ir::Tensor& t = graph().tensors.emplace_back();
    t.name = cat("t", graph().tensors.size() - 1);
    t.shape = std::move(shape);
    t.type = type;
    return static_cast<int>(graph().tensors.size() - 1);
  }
  ir::Tensor& at(int index) { return graph().tensors[index]; }

  // Adds the op; `options` is the builtin options object (e.g. tflite::Conv2DOptionsT).
  template <class Options = std::nullptr_t>
  ir::Op& op(tflite::BuiltinOperator code, std::vector<int32_t> inputs,
             std::vector<int32_t> outputs, Options options = nullptr) {
    ir::Op& o = graph().ops.emplace_back();
    o.builtin = code;
    o.inputs = std::move(inputs);
    o.outputs = std::move(outputs);
    if constexpr (!std::is_same_v<Options, std::nullptr_t>) o.options.Set(std::move(options));
    return o;
  }
  ir::Op& custom_op(const std::string& code, std::vector<int32_t> inputs,
                    std::vector<int32_t> outputs) {
    ir::Op& o = op(tflite::BuiltinOperator::CUSTOM, std::move(inputs), std::move(outputs));
    o.custom_code = code;
    return o;
  }

  // Runs with float inputs and returns output `which` as floats.
  std::vector<float> run(const std::vector<std::vector<float>>& inputs, int which = 0,
                         rt::InterpreterOptions options = {}) {
    rt::Interpreter interpreter(model_, options);
    for (size_t i = 0; i < inputs.size(); ++i)
      interpreter.set_input(static_cast<int>(i), inputs[i].data(), inputs[i].size() * sizeof(float));
    interpreter.invoke();
    const rt::TensorBuffer& out = interpreter.output(which);
    last_output_shape_ = out.shape;
    return std::vector<float>(out.as<float>(), out.as<float>() + out.elements());
  }
  const Shape& last_output_shape() const { return last_output_shape_; }
  ir::Model& model() { return model_; }

 private:
  ir::Subgraph& graph() { return model_.subgraphs[0]; }
  ir::Model model_;
  Shape last_output_shape_;
};

}  // namespace lq::testing
