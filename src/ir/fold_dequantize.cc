// fold_dequantize (declared in passes.h): DEQUANTIZE of a constant becomes a float32 constant.
// Models made with float16 weights (MediaPipe's) or with int8 weights read through DEQUANTIZE are
// then plain float models, which the quantizer starts from. DENSIFY of a sparse constant (the
// sparse face detector reads its float16 weights so) is folded first, into a dense constant. The arithmetic is the DEQUANTIZE
// kernel's (kernels/reference/dequantize.cc): float16 widens exactly; an integer q becomes
// float(q - zero_point) * scale, per tensor or per axis.
#include <cmath>
#include <cstring>
#include <optional>

#include "core/float16.h"
#include "ir/graph_edit.h"
#include "ir/passes.h"
#include "ir/sparsity.h"

namespace lq::ir {
namespace {

// Per-axis layout of a quantized constant seen as [outer, channels, inner]; nullopt when its
// parameters cannot be applied (then the op stays, and the interpreter reports why).
struct Channels {
  int64_t channels = 1, inner = 1;
};

std::optional<Channels> channels_of(const Tensor& t) {
  const QuantParams& q = t.quant;
  if (q.scale.empty() || q.zero_point.size() != q.scale.size()) return std::nullopt;
  for (float s : q.scale)
    if (!(s > 0 && std::isfinite(s))) return std::nullopt;
  Channels c;
  if (!q.per_axis()) return c;
  if (q.axis < 0 || static_cast<size_t>(q.axis) >= t.shape.size() ||
      static_cast<size_t>(t.shape[static_cast<size_t>(q.axis)]) != q.scale.size())
    return std::nullopt;
  c.channels = static_cast<int64_t>(q.scale.size());
  for (size_t d = static_cast<size_t>(q.axis) + 1; d < t.shape.size(); ++d) c.inner *= t.shape[d];
  return c;
}

template <class T> std::optional<std::vector<float>> affine_values(const Tensor& t, int64_t count) {
  const std::optional<Channels> layout = channels_of(t);
  if (!layout) return std::nullopt;
  std::vector<float> out(static_cast<size_t>(count));
  const T* q = t.data_as<T>();
  for (int64_t i = 0; i < count; ++i) {
    const auto c = static_cast<size_t>((i / layout->inner) % layout->channels);
    out[static_cast<size_t>(i)] =
        static_cast<float>(static_cast<int32_t>(q[i]) - static_cast<int32_t>(t.quant.zero_point[c])) *
        t.quant.scale[c];
  }
  return out;
}

// The float32 values DEQUANTIZE makes of constant `t`; nullopt for a tensor it cannot fold.
std::optional<std::vector<float>> dequantized(const Tensor& t) {
  if (!t.is_constant() || t.sparsity) return std::nullopt;  // sparse data needs DENSIFY first
  const int64_t count = num_elements(t.shape);
  if (count < 0 || t.data.size() != static_cast<size_t>(count) * element_size(t.type)) return std::nullopt;
  switch (t.type) {
    case ElementType::kFloat16: {
      std::vector<float> out(static_cast<size_t>(count));
      const uint16_t* half = t.data_as<uint16_t>();
      for (size_t i = 0; i < out.size(); ++i) out[i] = half_to_float(half[i]);
      return out;
    }
    case ElementType::kInt8: return affine_values<int8_t>(t, count);
    case ElementType::kUInt8: return affine_values<uint8_t>(t, count);
    case ElementType::kInt16: return affine_values<int16_t>(t, count);
    default: return std::nullopt;
  }
}

// Makes the DEQUANTIZE's output the constant (it keeps its name, and its place among the graph
// outputs or signatures) and drops the op; true when folded.
bool fold_at(Subgraph& g, size_t index) {
  const Op& op = g.ops[index];
  if (op.builtin != tflite::BuiltinOperator::DEQUANTIZE || op.inputs.size() != 1 ||
      op.outputs.size() != 1 || op.inputs[0] < 0 || op.outputs[0] < 0)
    return false;
  const Tensor& in = g.tensors[static_cast<size_t>(op.inputs[0])];
  Tensor& out = g.tensors[static_cast<size_t>(op.outputs[0])];
  if (out.type != ElementType::kFloat32 || out.is_variable) return false;
  const std::optional<std::vector<float>> values = dequantized(in);
  if (!values || num_elements(out.shape) != static_cast<int64_t>(values->size())) return false;
  out.data.resize(values->size() * sizeof(float));
  std::memcpy(out.data.data(), values->data(), out.data.size());
  out.quant = {};
  g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(index));
  return true;
}

// DENSIFY of a sparse constant: its output becomes the dense constant; true when folded. Malformed
// sparsity metadata fails here, naming the tensor, as it would in the DENSIFY kernel.
bool fold_densify_at(Subgraph& g, size_t index) {
  const Op& op = g.ops[index];
  if (op.builtin != tflite::BuiltinOperator::DENSIFY || op.inputs.size() != 1 || op.outputs.size() != 1 ||
      op.inputs[0] < 0 || op.outputs[0] < 0)
    return false;
  const Tensor& in = g.tensors[static_cast<size_t>(op.inputs[0])];
  Tensor& out = g.tensors[static_cast<size_t>(op.outputs[0])];
  if (!in.is_constant() || !in.sparsity || out.type != in.type || out.shape != in.shape || out.is_variable)
    return false;
  const size_t size = element_size(in.type);
  try {
    check_sparsity(*in.sparsity, in.shape, in.data.size(), size);
  } catch (const Error& e) {
    fail("sparse tensor '", in.name, "': ", e.what());
  }
  out.data.assign(static_cast<size_t>(num_elements(in.shape)) * size, 0);
  densify(*in.sparsity, in.shape, in.data.data(), size, out.data.data());
  out.quant = in.quant;
  g.ops.erase(g.ops.begin() + static_cast<std::ptrdiff_t>(index));
  return true;
}

}  // namespace

TensorMap fold_dequantize(Subgraph& g) {
  for (size_t i = 0; i < g.ops.size();)
    if (!fold_densify_at(g, i) && !fold_at(g, i)) ++i;
  return remove_unused(g);
}

}  // namespace lq::ir
