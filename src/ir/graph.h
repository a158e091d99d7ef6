// The graph IR: a model is subgraphs of tensors and operators. Constant data lives on its tensor, not in
// a shared buffer list; the writer lays buffers out again. Builtin options are kept as the schema's
// object-API union (generated from schema/tflite.fbs), so options of every op survive a round trip
// whether or not litequant interprets them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/element_type.h"
#include "core/shape.h"
#include "tflite_generated.h"

namespace lq::ir {

// Per-tensor (one scale) or per-axis (one scale per slice along `axis`) affine quantization:
// real = scale * (q - zero_point).
struct QuantParams {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t axis = 0;
  std::vector<float> min, max;  // optional recorded ranges
  bool empty() const { return scale.empty() && min.empty() && max.empty(); }
  bool per_axis() const { return scale.size() > 1; }
  bool operator==(const QuantParams&) const = default;
};

// Index vectors of a sparse dimension keep their on-disk integer width so a round trip is exact.
struct SparseIndexVector {
  tflite::SparseIndexVector width = tflite::SparseIndexVector::NONE;  // Int32/Uint16/Uint8 vector
  std::vector<int32_t> values;
  bool operator==(const SparseIndexVector&) const = default;
};

struct DimensionMetadata {
  bool sparse_csr = false;  // false: dense
  int32_t dense_size = 0;
  SparseIndexVector segments, indices;
  bool operator==(const DimensionMetadata&) const = default;
};

struct Sparsity {
  std::vector<int32_t> traversal_order;
  std::vector<int32_t> block_map;
  std::vector<DimensionMetadata> dim_metadata;
  bool operator==(const Sparsity&) const = default;
};

struct Tensor {
  std::string name;
  ElementType type = ElementType::kFloat32;
  Shape shape;
  Shape shape_signature;  // -1 marks a dynamic dimension; empty when the file has none
  QuantParams quant;
  std::vector<uint8_t> data;  // constant contents; empty for activations
  bool is_variable = false;
  bool has_rank = false;
  std::optional<Sparsity> sparsity;

  bool is_constant() const { return !data.empty(); }
  template <class T> const T* data_as() const { return reinterpret_cast<const T*>(data.data()); }
};

struct Op {
  tflite::BuiltinOperator builtin = tflite::BuiltinOperator::ADD;
  std::string custom_code;  // set for CUSTOM ops
  int32_t version = 1;
  std::vector<int32_t> inputs, outputs, intermediates;  // tensor indices; -1 = optional input absent
  tflite::BuiltinOptionsUnion options;
  tflite::BuiltinOptions2Union options2;  // options of the newer (StableHLO) builtins
  std::vector<uint8_t> custom_options;
  tflite::CustomOptionsFormat custom_options_format = tflite::CustomOptionsFormat::FLEXBUFFERS;
  std::vector<bool> mutating_variable_inputs;

  bool is_custom() const { return builtin == tflite::BuiltinOperator::CUSTOM; }
};

struct Subgraph {
  std::string name;
  std::vector<Tensor> tensors;
  std::vector<int32_t> inputs, outputs;
  std::vector<Op> ops;
};

struct SignatureTensor {
  std::string name;
  int32_t tensor = 0;
};

struct Signature {
  std::string key;
  int32_t subgraph = 0;
  std::vector<SignatureTensor> inputs, outputs;
};

struct Metadata {
  std::string name;
  std::vector<uint8_t> data;
};

struct Model {
  uint32_t version = 3;
  std::string description;
  std::vector<Subgraph> subgraphs;
  std::vector<Signature> signatures;
  std::vector<Metadata> metadata;  // "min_runtime_version" is recomputed by the writer
};

// "CONV_2D", or the custom code for custom ops.
std::string op_name(const Op& op);
std::string builtin_name(tflite::BuiltinOperator code);

}  // namespace lq::ir
