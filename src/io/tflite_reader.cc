#include "io/tflite_reader.h"

#include "core/error.h"
#include "io/file.h"
#include "ir/sparsity.h"

namespace lq::io {

namespace {

template <class T> std::vector<T> to_vector(const flatbuffers::Vector<T>* v) {
  return v ? std::vector<T>(v->begin(), v->end()) : std::vector<T>{};
}

std::string str(const flatbuffers::String* s) { return s ? s->str() : std::string(); }

class Reader {
 public:
  Reader(const uint8_t* bytes, size_t size, const std::string& origin)
      : bytes_(bytes), size_(size), origin_(origin) {}

  ir::Model read() {
    verify();
    model_ = tflite::GetModel(bytes_);
    ir::Model out;
    out.version = model_->version();
    LQ_CHECK(out.version == 3, origin_, ": schema version ", out.version, ", expected 3");
    out.description = str(model_->description());
    read_buffers();
    read_op_codes();
    const auto* subgraphs = model_->subgraphs();
    LQ_CHECK(subgraphs && subgraphs->size() > 0, origin_, ": model has no subgraphs");
    for (flatbuffers::uoffset_t i = 0; i < subgraphs->size(); ++i)
      out.subgraphs.push_back(read_subgraph(*subgraphs->Get(i), static_cast<int>(i)));
    read_signatures(out);
    read_metadata(out);
    return out;
  }

 private:
  template <class... Args> [[noreturn]] void bad(Args&&... args) const {
    fail(origin_, ": ", std::forward<Args>(args)...);
  }

  void verify() {
    if (size_ < 8) bad("file is ", size_, " bytes, too small for a .tflite model");
    if (!flatbuffers::BufferHasIdentifier(bytes_, tflite::ModelIdentifier()))
      bad("not a .tflite file (no TFL3 identifier at byte 4)");
    // Buffers beyond 2 GiB live after the FlatBuffer (Buffer.offset/size); the verifier checks only
    // the FlatBuffer itself, which is at most 2 GiB.
    const size_t flatbuffer_size = std::min<size_t>(size_, FLATBUFFERS_MAX_BUFFER_SIZE - 1);
    flatbuffers::Verifier verifier(bytes_, flatbuffer_size, 64, 10'000'000);
    if (!verifier.VerifyBuffer<tflite::Model>(tflite::ModelIdentifier()))
      bad("the FlatBuffer structure is invalid (truncated or corrupt file)");
  }

  // Constant data of every buffer, checked to lie inside the file.
  void read_buffers() {
    const auto* buffers = model_->buffers();
    if (!buffers) return;
    buffers_.resize(buffers->size());
    for (flatbuffers::uoffset_t i = 0; i < buffers->size(); ++i) {
      const tflite::Buffer* buffer = buffers->Get(i);
      if (buffer->data() && buffer->data()->size() > 0) {
        buffers_[i] = {buffer->data()->data(), buffer->data()->size()};
      } else if (buffer->offset() > 1) {  // 0 and 1 mean "no external data"
        const uint64_t offset = buffer->offset(), size = buffer->size();
        if (offset > size_ || size > size_ - offset)
          bad("buffer ", i, " points at bytes ", offset, "..", offset + size,
              " beyond the end of the file (", size_, " bytes)");
        buffers_[i] = {bytes_ + offset, static_cast<size_t>(size)};
      }
    }
  }

  void read_op_codes() {
    const auto* codes = model_->operator_codes();
    if (!codes) return;
    for (flatbuffers::uoffset_t i = 0; i < codes->size(); ++i) {
      const tflite::OperatorCode* code = codes->Get(i);
      // Files from before code 127 overflowed the byte field carry the code only there.
      const int32_t value = std::max<int32_t>(code->deprecated_builtin_code(),
                                              static_cast<int32_t>(code->builtin_code()));
      if (value < static_cast<int32_t>(tflite::BuiltinOperator::MIN) ||
          value > static_cast<int32_t>(tflite::BuiltinOperator::MAX))
        bad("operator code ", i, " has unknown builtin code ", value);
      OpCode op_code{static_cast<tflite::BuiltinOperator>(value), str(code->custom_code()),
                     code->version()};
      if (op_code.builtin == tflite::BuiltinOperator::CUSTOM && op_code.custom.empty())
        bad("operator code ", i, " is CUSTOM but has no custom code");
      op_codes_.push_back(std::move(op_code));
    }
  }

  ir::Subgraph read_subgraph(const tflite::SubGraph& in, int index) {
    ir::Subgraph graph;
    graph.name = str(in.name());
    const std::string where = cat("subgraph ", index);
    const auto* tensors = in.tensors();
    const size_t tensor_count = tensors ? tensors->size() : 0;
    for (size_t t = 0; t < tensor_count; ++t)
      graph.tensors.push_back(read_tensor(*tensors->Get(static_cast<flatbuffers::uoffset_t>(t)),
                                          cat(where, " tensor ", t)));
    auto indices = [&](const flatbuffers::Vector<int32_t>* list, const std::string& what,
                       bool optional_allowed) {
      std::vector<int32_t> out = to_vector(list);
      for (int32_t t : out)
        if (!(optional_allowed && t == -1) && (t < 0 || static_cast<size_t>(t) >= tensor_count))
          bad(what, " refers to tensor ", t, ", but ", where, " has ", tensor_count, " tensors");
      return out;
    };
    graph.inputs = indices(in.inputs(), where + " inputs", false);
    graph.outputs = indices(in.outputs(), where + " outputs", false);
    const auto* ops = in.operators();
    for (flatbuffers::uoffset_t i = 0; ops && i < ops->size(); ++i) {
      const tflite::Operator& op = *ops->Get(i);
      const std::string op_where = cat(where, " op ", i);
      ir::Op out;
      if (op.opcode_index() >= op_codes_.size())
        bad(op_where, " has opcode index ", op.opcode_index(), ", but there are ", op_codes_.size(),
            " operator codes");
      const OpCode& code = op_codes_[op.opcode_index()];
      out.builtin = code.builtin;
      out.custom_code = code.custom;
      out.version = code.version;
      const std::string named = cat(op_where, " (", ir::op_name(out), ")");
      out.inputs = indices(op.inputs(), named + " input", true);
      out.outputs = indices(op.outputs(), named + " output", false);
      out.intermediates = indices(op.intermediates(), named + " intermediate", false);
      out.options.type = op.builtin_options_type();
      out.options.value =
          tflite::BuiltinOptionsUnion::UnPack(op.builtin_options(), op.builtin_options_type(), nullptr);
      out.options2.type = op.builtin_options_2_type();
      out.options2.value = tflite::BuiltinOptions2Union::UnPack(op.builtin_options_2(),
                                                              op.builtin_options_2_type(), nullptr);
      read_custom_options(op, out, named);
      for (bool m : to_vector(op.mutating_variable_inputs())) out.mutating_variable_inputs.push_back(m);
      graph.ops.push_back(std::move(out));
    }
    return graph;
  }

  void read_custom_options(const tflite::Operator& op, ir::Op& out, const std::string& where) {
    out.custom_options_format = op.custom_options_format();
    if (op.custom_options()) {
      out.custom_options = to_vector(op.custom_options());
    } else if (op.large_custom_options_offset() > 1) {
      const uint64_t offset = op.large_custom_options_offset(), size = op.large_custom_options_size();
      if (offset > size_ || size > size_ - offset)
        bad(where, " has custom options beyond the end of the file");
      out.custom_options.assign(bytes_ + offset, bytes_ + offset + size);
    }
  }

  ir::Tensor read_tensor(const tflite::Tensor& in, const std::string& where) {
    ir::Tensor t;
    t.name = str(in.name());
    const std::string named = cat(where, " '", t.name, "'");
    const int type = static_cast<int>(in.type());
    if (!is_valid_element_type(type)) bad(named, " has unknown element type ", type);
    t.type = static_cast<ElementType>(type);
    t.shape = to_vector(in.shape());
    t.shape_signature = to_vector(in.shape_signature());
    t.is_variable = in.is_variable();
    t.has_rank = in.has_rank();
    for (int32_t dim : t.shape)
      if (dim < 0) bad(named, " has negative dimension in shape ", shape_string(t.shape));
    for (int32_t dim : t.shape_signature)
      if (dim < -1) bad(named, " has invalid dimension ", dim, " in its shape signature");
    if (!t.shape_signature.empty() && t.shape_signature.size() != t.shape.size())
      bad(named, " has shape signature of rank ", t.shape_signature.size(), " but shape of rank ",
          t.shape.size());
    int64_t elements = 0;
    try {
      elements = num_elements(t.shape);
    } catch (const Error& e) {
      bad(named, ": ", e.what());
    }
    if (in.buffer() >= buffers_.size() && in.buffer() != 0)
      bad(named, " refers to buffer ", in.buffer(), ", but the model has ", buffers_.size(),
          " buffers");
    read_quantization(in, t, named);
    if (in.sparsity()) t.sparsity = read_sparsity(*in.sparsity(), named);
    if (in.buffer() < buffers_.size() && buffers_[in.buffer()].size > 0) {
      const BufferView& data = buffers_[in.buffer()];
      const size_t element = element_size(t.type);
      if (t.sparsity) {
        try {
          ir::check_sparsity(*t.sparsity, t.shape, data.size, element);
        } catch (const Error& e) {
          bad(named, ": ", e.what());
        }
      } else if (element > 0 && data.size != static_cast<uint64_t>(elements) * element) {
        bad(named, " has ", data.size, " bytes of data, expected ", elements * element,
            " for shape ", shape_string(t.shape), " of ", element_type_name(t.type));
      }
      t.data.assign(data.data, data.data + data.size);
    }
    return t;
  }

  void read_quantization(const tflite::Tensor& in, ir::Tensor& t, const std::string& named) {
    const tflite::QuantizationParameters* q = in.quantization();
    if (!q) return;
    t.quant.scale = to_vector(q->scale());
    t.quant.zero_point = to_vector(q->zero_point());
    t.quant.min = to_vector(q->min());
    t.quant.max = to_vector(q->max());
    t.quant.axis = q->quantized_dimension();
    if (q->details_type() != tflite::QuantizationDetails::NONE)
      bad(named, " uses custom quantization details, which litequant does not support");
    const size_t scales = t.quant.scale.size();
    if (!t.quant.zero_point.empty() && t.quant.zero_point.size() != scales)
      bad(named, " has ", scales, " quantization scales but ", t.quant.zero_point.size(),
          " zero points");
    if (scales > 1) {
      if (t.quant.axis < 0 || static_cast<size_t>(t.quant.axis) >= t.shape.size())
        bad(named, " has quantized dimension ", t.quant.axis, " outside its rank ", t.shape.size());
      if (static_cast<int64_t>(scales) != t.shape[static_cast<size_t>(t.quant.axis)])
        bad(named, " has ", scales, " scales, but dimension ", t.quant.axis, " has size ",
            t.shape[static_cast<size_t>(t.quant.axis)]);
    }
  }

  ir::SparseIndexVector read_index_vector(tflite::SparseIndexVector type, const void* value,
                                          const std::string& named) {
    ir::SparseIndexVector out;
    out.width = type;
    switch (type) {
      case tflite::SparseIndexVector::Int32Vector:
        out.values = to_vector(static_cast<const tflite::Int32Vector*>(value)->values());
        break;
      case tflite::SparseIndexVector::Uint16Vector:
        for (uint16_t v : to_vector(static_cast<const tflite::Uint16Vector*>(value)->values()))
          out.values.push_back(v);
        break;
      case tflite::SparseIndexVector::Uint8Vector:
        for (uint8_t v : to_vector(static_cast<const tflite::Uint8Vector*>(value)->values()))
          out.values.push_back(v);
        break;
      case tflite::SparseIndexVector::NONE: break;
      default: bad(named, " has a sparse index vector of unknown type");
    }
    return out;
  }

  ir::Sparsity read_sparsity(const tflite::SparsityParameters& in, const std::string& named) {
    ir::Sparsity s;
    s.traversal_order = to_vector(in.traversal_order());
    s.block_map = to_vector(in.block_map());
    const auto* dims = in.dim_metadata();
    for (flatbuffers::uoffset_t i = 0; dims && i < dims->size(); ++i) {
      const tflite::DimensionMetadata* dim = dims->Get(i);
      ir::DimensionMetadata d;
      d.sparse_csr = dim->format() == tflite::DimensionType::SPARSE_CSR;
      d.dense_size = dim->dense_size();
      d.segments = read_index_vector(dim->array_segments_type(), dim->array_segments(), named);
      d.indices = read_index_vector(dim->array_indices_type(), dim->array_indices(), named);
      s.dim_metadata.push_back(std::move(d));
    }
    return s;
  }

  void read_signatures(ir::Model& out) {
    const auto* defs = model_->signature_defs();
    for (flatbuffers::uoffset_t i = 0; defs && i < defs->size(); ++i) {
      const tflite::SignatureDef& def = *defs->Get(i);
      ir::Signature sig;
      sig.key = str(def.signature_key());
      sig.subgraph = static_cast<int32_t>(def.subgraph_index());
      if (sig.subgraph < 0 || static_cast<size_t>(sig.subgraph) >= out.subgraphs.size())
        bad("signature '", sig.key, "' refers to subgraph ", def.subgraph_index(), ", but there are ",
            out.subgraphs.size());
      const size_t tensors = out.subgraphs[static_cast<size_t>(sig.subgraph)].tensors.size();
      auto read_map = [&](const auto* maps, std::vector<ir::SignatureTensor>& to) {
        for (flatbuffers::uoffset_t m = 0; maps && m < maps->size(); ++m) {
          const tflite::TensorMap& map = *maps->Get(m);
          if (map.tensor_index() >= tensors)
            bad("signature '", sig.key, "' refers to tensor ", map.tensor_index(), ", but subgraph ",
                sig.subgraph, " has ", tensors, " tensors");
          to.push_back({str(map.name()), static_cast<int32_t>(map.tensor_index())});
        }
      };
      read_map(def.inputs(), sig.inputs);
      read_map(def.outputs(), sig.outputs);
      out.signatures.push_back(std::move(sig));
    }
  }

  void read_metadata(ir::Model& out) {
    const auto* metadata = model_->metadata();
    for (flatbuffers::uoffset_t i = 0; metadata && i < metadata->size(); ++i) {
      const tflite::Metadata& m = *metadata->Get(i);
      if (m.buffer() >= buffers_.size())
        bad("metadata '", str(m.name()), "' refers to buffer ", m.buffer(), ", but the model has ",
            buffers_.size(), " buffers");
      const BufferView& data = buffers_[m.buffer()];
      out.metadata.push_back({str(m.name()), std::vector<uint8_t>(data.data, data.data + data.size)});
    }
  }

  struct BufferView {
    const uint8_t* data = nullptr;
    size_t size = 0;
  };
  struct OpCode {
    tflite::BuiltinOperator builtin;
    std::string custom;
    int32_t version;
  };

  const uint8_t* bytes_;
  size_t size_;
  const std::string& origin_;
  const tflite::Model* model_ = nullptr;
  std::vector<BufferView> buffers_;
  std::vector<OpCode> op_codes_;
};

}  // namespace

ir::Model parse_tflite(const uint8_t* bytes, size_t size, const std::string& origin) {
  return Reader(bytes, size, origin).read();
}

ir::Model read_tflite(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  return parse_tflite(bytes.data(), bytes.size(), path);
}

}  // namespace lq::io
