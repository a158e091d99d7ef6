#include "io/tflite_writer.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/error.h"
#include "io/file.h"
#include "io/op_version.h"

namespace lq::io {

namespace {

constexpr char kMinRuntimeVersion[] = "min_runtime_version";

std::unique_ptr<tflite::QuantizationParametersT> quantization_of(const ir::QuantParams& q) {
  if (q.empty()) return nullptr;
  auto out = std::make_unique<tflite::QuantizationParametersT>();
  out->scale = q.scale;
  out->zero_point = q.zero_point;
  out->min = q.min;
  out->max = q.max;
  out->quantized_dimension = q.axis;
  return out;
}

tflite::SparseIndexVectorUnion index_vector_of(const ir::SparseIndexVector& v) {
  tflite::SparseIndexVectorUnion out;
  switch (v.width) {
    case tflite::SparseIndexVector::Int32Vector: {
      tflite::Int32VectorT values;
      values.values = v.values;
      out.Set(std::move(values));
      break;
    }
    case tflite::SparseIndexVector::Uint16Vector: {
      tflite::Uint16VectorT values;
      for (int32_t x : v.values) values.values.push_back(static_cast<uint16_t>(x));
      out.Set(std::move(values));
      break;
    }
    case tflite::SparseIndexVector::Uint8Vector: {
      tflite::Uint8VectorT values;
      for (int32_t x : v.values) values.values.push_back(static_cast<uint8_t>(x));
      out.Set(std::move(values));
      break;
    }
    default: break;
  }
  return out;
}

std::unique_ptr<tflite::SparsityParametersT> sparsity_of(const ir::Sparsity& s) {
  auto out = std::make_unique<tflite::SparsityParametersT>();
  out->traversal_order = s.traversal_order;
  out->block_map = s.block_map;
  for (const ir::DimensionMetadata& d : s.dim_metadata) {
    auto dim = std::make_unique<tflite::DimensionMetadataT>();
    dim->format = d.sparse_csr ? tflite::DimensionType::SPARSE_CSR : tflite::DimensionType::DENSE;
    dim->dense_size = d.dense_size;
    dim->array_segments = index_vector_of(d.segments);
    dim->array_indices = index_vector_of(d.indices);
    out->dim_metadata.push_back(std::move(dim));
  }
  return out;
}

class Writer {
 public:
  explicit Writer(const ir::Model& model) : model_(model) {}

  tflite::ModelT build() {
    out_.version = model_.version;
    out_.description = model_.description;
    out_.buffers.push_back(std::make_unique<tflite::BufferT>());  // buffer 0: the empty sentinel
    for (const ir::Subgraph& graph : model_.subgraphs) out_.subgraphs.push_back(subgraph(graph));
    for (const ir::Signature& sig : model_.signatures) out_.signature_defs.push_back(signature(sig));
    metadata();
    return std::move(out_);
  }

 private:
  uint32_t add_buffer(const std::vector<uint8_t>& data) {
    auto buffer = std::make_unique<tflite::BufferT>();
    buffer->data = data;
    out_.buffers.push_back(std::move(buffer));
    return static_cast<uint32_t>(out_.buffers.size() - 1);
  }

  uint32_t op_code(const ir::Op& op, int32_t version) {
    const auto key = std::make_tuple(op.builtin, op.is_custom() ? op.custom_code : "", version);
    auto it = op_codes_.find(key);
    if (it != op_codes_.end()) return it->second;
    auto code = std::make_unique<tflite::OperatorCodeT>();
    code->builtin_code = op.builtin;
    // Runtimes older than the int32 field read only this byte; 127 is the placeholder for codes
    // beyond it.
    code->deprecated_builtin_code =
        static_cast<int8_t>(std::min(static_cast<int32_t>(op.builtin), int32_t{127}));
    code->custom_code = std::get<1>(key);
    code->version = version;
    out_.operator_codes.push_back(std::move(code));
    const uint32_t index = static_cast<uint32_t>(out_.operator_codes.size() - 1);
    op_codes_.emplace(key, index);
    return index;
  }

  std::unique_ptr<tflite::TensorT> tensor(const ir::Tensor& t) {
    auto out = std::make_unique<tflite::TensorT>();
    out->name = t.name;
    out->type = static_cast<tflite::TensorType>(t.type);
    out->shape = t.shape;
    out->shape_signature = t.shape_signature;
    out->is_variable = t.is_variable;
    out->has_rank = t.has_rank;
    out->buffer = t.is_constant() ? add_buffer(t.data) : 0;
    out->quantization = quantization_of(t.quant);
    if (t.sparsity) out->sparsity = sparsity_of(*t.sparsity);
    return out;
  }

  std::unique_ptr<tflite::SubGraphT> subgraph(const ir::Subgraph& graph) {
    auto out = std::make_unique<tflite::SubGraphT>();
    out->name = graph.name;
    out->inputs = graph.inputs;
    out->outputs = graph.outputs;
    for (const ir::Tensor& t : graph.tensors) out->tensors.push_back(tensor(t));
    for (const ir::Op& op : graph.ops) {
      auto o = std::make_unique<tflite::OperatorT>();
      o->opcode_index = op_code(op, written_op_version(op, graph));
      o->inputs = op.inputs;
      o->outputs = op.outputs;
      o->intermediates = op.intermediates;
      o->builtin_options = op.options;
      o->builtin_options_2 = op.options2;
      o->custom_options = op.custom_options;
      o->custom_options_format = op.custom_options_format;
      o->mutating_variable_inputs = op.mutating_variable_inputs;
      out->operators.push_back(std::move(o));
    }
    return out;
  }

  std::unique_ptr<tflite::SignatureDefT> signature(const ir::Signature& sig) {
    auto out = std::make_unique<tflite::SignatureDefT>();
    out->signature_key = sig.key;
    out->subgraph_index = static_cast<uint32_t>(sig.subgraph);
    auto maps = [](const std::vector<ir::SignatureTensor>& list) {
      std::vector<std::unique_ptr<tflite::TensorMapT>> result;
      for (const ir::SignatureTensor& s : list) {
        auto map = std::make_unique<tflite::TensorMapT>();
        map->name = s.name;
        map->tensor_index = static_cast<uint32_t>(s.tensor);
        result.push_back(std::move(map));
      }
      return result;
    };
    out->inputs = maps(sig.inputs);
    out->outputs = maps(sig.outputs);
    return out;
  }

  // Metadata entries are kept; min_runtime_version is recomputed from the ops written.
  void metadata() {
    for (const ir::Metadata& m : model_.metadata) {
      if (m.name == kMinRuntimeVersion) continue;
      add_metadata(m.name, m.data);
    }
    add_metadata(kMinRuntimeVersion, min_runtime_version_metadata(min_runtime_version(model_)));
  }

  void add_metadata(const std::string& name, const std::vector<uint8_t>& data) {
    auto entry = std::make_unique<tflite::MetadataT>();
    entry->name = name;
    entry->buffer = add_buffer(data);
    out_.metadata.push_back(std::move(entry));
  }

  const ir::Model& model_;
  tflite::ModelT out_;
  std::map<std::tuple<tflite::BuiltinOperator, std::string, int32_t>, uint32_t> op_codes_;
};

}  // namespace

std::vector<uint8_t> serialize_tflite(const ir::Model& model) {
  // FlatBuffers cannot address more than 2 GiB; refuse before the builder would abort.
  uint64_t data_bytes = 0;
  for (const ir::Subgraph& graph : model.subgraphs)
    for (const ir::Tensor& t : graph.tensors) data_bytes += t.data.size();
  LQ_CHECK(data_bytes < (uint64_t{1} << 31) - (uint64_t{1} << 26), "model holds ", data_bytes,
           " bytes of constants; files over 2 GiB are not supported by the writer yet");
  const tflite::ModelT object = Writer(model).build();
  flatbuffers::FlatBufferBuilder builder(1 << 20);
  builder.Finish(tflite::Model::Pack(builder, &object), tflite::ModelIdentifier());
  LQ_CHECK(builder.GetSize() < FLATBUFFERS_MAX_BUFFER_SIZE, "model is too large to write (",
           builder.GetSize(), " bytes)");
  return std::vector<uint8_t>(builder.GetBufferPointer(),
                              builder.GetBufferPointer() + builder.GetSize());
}

void write_tflite(const ir::Model& model, const std::string& path) {
  write_file_atomic(path, serialize_tflite(model));
}

}  // namespace lq::io
