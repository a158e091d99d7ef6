// What a kernel sees of the op it runs: its inputs, outputs, options and per-op state. Kernels follow
// TFLite's split: prepare() checks types and shapes, sets output shapes and computes anything that
// depends only on them (once); eval() computes, without checks in the loop.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "arith/arithmetic.h"
#include "core/error.h"
#include "ir/graph.h"
#include "kernels/subgraph_runner.h"
#include "kernels/tensor_buffer.h"

namespace lq::rt {

class OpContext {
 public:
  OpContext(int index, const ir::Op& op, std::vector<TensorBuffer>& tensors,
            SubgraphRunner* runner = nullptr,
            arith::Arithmetic arithmetic = arith::Arithmetic::kRuntime)
      : index_(index), op_(op), tensors_(tensors), runner_(runner), arithmetic_(arithmetic) {}

  int index() const { return index_; }
  const ir::Op& op() const { return op_; }
  std::string name() const { return ir::op_name(op_); }

  int num_inputs() const { return static_cast<int>(op_.inputs.size()); }
  int num_outputs() const { return static_cast<int>(op_.outputs.size()); }
  bool has_input(int i) const { return i < num_inputs() && op_.inputs[i] >= 0; }
  TensorBuffer& input(int i) { return tensors_[tensor_index(op_.inputs, i, "input")]; }
  TensorBuffer& output(int i) { return tensors_[tensor_index(op_.outputs, i, "output")]; }
  const TensorBuffer& input(int i) const { return tensors_[tensor_index(op_.inputs, i, "input")]; }
  const TensorBuffer& output(int i) const { return tensors_[tensor_index(op_.outputs, i, "output")]; }

  // Options of the op's builtin type (Conv2DOptionsT, ...). A file may omit them; the defaults of the
  // schema then apply, as in TFLite.
  template <class OptionsT> const OptionsT& options() const {
    using Traits = tflite::BuiltinOptionsTraits<typename OptionsT::TableType>;
    if (op_.options.type == Traits::enum_value && op_.options.value)
      return *static_cast<const OptionsT*>(op_.options.value);
    check(op_.options.type == tflite::BuiltinOptions::NONE, "has options of type ",
          tflite::EnumNameBuiltinOptions(op_.options.type), ", expected ",
          tflite::EnumNameBuiltinOptions(Traits::enum_value));
    static const OptionsT defaults{};
    return defaults;
  }

  // The plan's integer arithmetic policy; quantized kernels pick their requantization from it.
  arith::Arithmetic arithmetic() const { return arithmetic_; }

  // Sets an output's shape during prepare; the interpreter allocates it afterwards.
  void set_output_shape(int i, Shape shape) { output(i).shape = std::move(shape); }

  // The interpreter, for control-flow ops that run other subgraphs.
  SubgraphRunner& runner() const {
    check(runner_ != nullptr, "cannot run subgraphs here");
    return *runner_;
  }

  // Per-op state made in prepare and read in eval.
  template <class T> T& make_state() {
    auto state = std::make_shared<T>();
    T& ref = *state;
    state_ = std::move(state);
    return ref;
  }
  template <class T> T& state() const { return *static_cast<T*>(state_.get()); }

  // "op 12 (CONV_2D)": the prefix of every error a kernel raises.
  std::string where() const { return cat("op ", index_, " (", name(), ")"); }
  template <class... Args> [[noreturn]] void fail(Args&&... args) const {
    ::lq::fail(where(), ": ", std::forward<Args>(args)...);
  }
  template <class... Args> void check(bool cond, Args&&... args) const {
    if (!cond) fail(std::forward<Args>(args)...);
  }

 private:
  size_t tensor_index(const std::vector<int32_t>& list, int i, const char* what) const {
    if (i < 0 || i >= static_cast<int>(list.size()) || list[i] < 0)
      ::lq::fail(where(), ": has no ", what, " ", i);
    return static_cast<size_t>(list[i]);
  }

  int index_;
  const ir::Op& op_;
  std::vector<TensorBuffer>& tensors_;
  SubgraphRunner* runner_;
  arith::Arithmetic arithmetic_;
  std::shared_ptr<void> state_;
};

}  // namespace lq::rt
