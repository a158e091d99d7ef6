#include "quant/float16.h"

#include <algorithm>
#include <cmath>

#include "core/float16.h"
#include "ir/graph_edit.h"
#include "ir/passes.h"

namespace lq::quant {
namespace {

constexpr float kHalfMax = 65504.0f;

// Whether float16 would turn the whole constant into zeros: every value nonzero in float32 below
// float16's smallest subnormal (2^-24). Such a constant is a guard (a log's 1e-10 floor in
// openWakeWord's melspectrogram) that must keep its value, so it stays float32.
bool vanishes_in_float16(const ir::Tensor& t) {
  float largest = 0.0f;
  for (float v : ir::read_floats(t))
    if (std::isfinite(v)) largest = std::max(largest, std::fabs(v));
  return largest > 0.0f && half_to_float(float_to_half(largest)) == 0.0f;
}

// Sparse constants are left alone (their data is compressed for DENSIFY), and so are variables.
bool converts(const ir::Tensor& t) {
  return t.type == ElementType::kFloat32 && t.is_constant() && !t.sparsity && !t.is_variable &&
         !vanishes_in_float16(t);
}

// The float16 copy of a float32 constant. Finite values beyond float16's range are clamped to its
// largest value rather than becoming infinities, as TFLite's converter does.
ir::Tensor half_constant(const ir::Tensor& t) {
  ir::Tensor half;
  half.name = t.name;
  half.type = ElementType::kFloat16;
  half.shape = t.shape;
  half.shape_signature = t.shape_signature;
  half.has_rank = t.has_rank;
  const size_t count = t.data.size() / sizeof(float);
  half.data.resize(count * sizeof(uint16_t));
  const float* in = t.data_as<float>();
  auto* out = reinterpret_cast<uint16_t*>(half.data.data());
  for (size_t i = 0; i < count; ++i) {
    const float v = std::isfinite(in[i]) ? std::clamp(in[i], -kHalfMax, kHalfMax) : in[i];
    out[i] = float_to_half(v);
  }
  return half;
}

// Adds the float16 constant and the DEQUANTIZE output for constant `index`; returns the DEQUANTIZE
// op (not yet placed).
ir::Op dequantize_op(ir::Subgraph& g, int32_t index) {
  ir::Tensor half = half_constant(g.tensors[static_cast<size_t>(index)]);
  ir::Tensor widened;
  widened.name = half.name + "_dequantize";  // TFLite's converter names it so too
  widened.shape = half.shape;
  widened.shape_signature = half.shape_signature;
  widened.has_rank = half.has_rank;
  ir::Op op;
  op.builtin = tflite::BuiltinOperator::DEQUANTIZE;
  op.inputs = {ir::add_tensor(g, std::move(half))};
  op.outputs = {ir::add_tensor(g, std::move(widened))};
  return op;
}

ir::TensorMap to_float16(ir::Subgraph& g, QuantizeReport& report) {
  const size_t original = g.tensors.size();
  std::vector<int32_t> widened(original, -1);  // float32 constant -> its DEQUANTIZE output
  std::vector<ir::Op> ops;
  for (ir::Op& op : g.ops) {
    bool quantized = false;
    for (int32_t& in : op.inputs) {
      if (in < 0 || static_cast<size_t>(in) >= original || !converts(g.tensors[static_cast<size_t>(in)]))
        continue;
      if (widened[static_cast<size_t>(in)] < 0) {
        ops.push_back(dequantize_op(g, in));
        widened[static_cast<size_t>(in)] = ops.back().outputs[0];
      }
      in = widened[static_cast<size_t>(in)];
      quantized = true;
    }
    ++(quantized ? report.quantized_ops : report.float_ops)[ir::op_name(op)];
    ops.push_back(std::move(op));
  }
  g.ops = std::move(ops);
  return ir::remove_unused(g);
}

}  // namespace

void quantize_float16(ir::Model& model, QuantizeReport& report) {
  for (size_t i = 0; i < model.subgraphs.size(); ++i)
    ir::remap_signatures(model, static_cast<int>(i), to_float16(model.subgraphs[i], report));
}

}  // namespace lq::quant
