#include "frontend/onnx/node_context.h"

#include <cstring>

namespace lq::frontend {

namespace {

std::map<std::string, Translator>& translators() {
  static std::map<std::string, Translator> table;
  return table;
}

// A constant's values as T, whatever its numeric element type.
template <class T> std::vector<T> constant_values(const ir::Tensor& t, const std::string& where) {
  const size_t n = static_cast<size_t>(num_elements(t.shape));
  std::vector<T> out(n);
  auto convert = [&](auto tag) {
    using S = decltype(tag);
    for (size_t i = 0; i < n; ++i) {
      S v;
      std::memcpy(&v, t.data.data() + i * sizeof(S), sizeof(S));
      out[i] = static_cast<T>(v);
    }
  };
  switch (t.type) {
    case ElementType::kFloat32: convert(float{}); break;
    case ElementType::kFloat64: convert(double{}); break;
    case ElementType::kInt64: convert(int64_t{}); break;
    case ElementType::kInt32: convert(int32_t{}); break;
    case ElementType::kInt16: convert(int16_t{}); break;
    case ElementType::kInt8: convert(int8_t{}); break;
    case ElementType::kUInt8: convert(uint8_t{}); break;
    case ElementType::kBool: convert(uint8_t{}); break;
    default: fail(where, ": cannot read a constant of type ", element_type_name(t.type));
  }
  return out;
}

}  // namespace

const Translator* find_translator(const std::string& op_type) {
  auto it = translators().find(op_type);
  return it == translators().end() ? nullptr : &it->second;
}

bool register_translator(const std::string& op_type, Translator translator) {
  return translators().emplace(op_type, std::move(translator)).second;
}

int NodeContext::input(int i) const {
  check(has_input(i), "input ", i, " is missing");
  auto it = values_.find(node_.input(i));
  check(it != values_.end(), "input '", node_.input(i), "' is not computed by an earlier node");
  return it->second;
}

void NodeContext::require_float(int i) const {
  if (input_type(i) != ElementType::kFloat32)
    unsupported(element_type_name(input_type(i)), " input ", i, " (litequant computes it in float32)");
}

std::vector<int64_t> NodeContext::constant_ints(int i) const {
  check(input_is_constant(i), "input ", i, " ('", node_.input(i),
        "') must be a constant (or computable from static shapes)");
  return constant_values<int64_t>(input_tensor(i), describe());
}

std::vector<float> NodeContext::constant_floats(int i) const {
  check(input_is_constant(i), "input ", i, " ('", node_.input(i), "') must be a constant");
  return constant_values<float>(input_tensor(i), describe());
}

const onnx::AttributeProto* NodeContext::attr(const std::string& name) const {
  for (const onnx::AttributeProto& a : node_.attribute())
    if (a.name() == name) return &a;
  return nullptr;
}

int64_t NodeContext::attr_int(const std::string& name, int64_t fallback) const {
  const onnx::AttributeProto* a = attr(name);
  return a ? a->i() : fallback;
}

float NodeContext::attr_float(const std::string& name, float fallback) const {
  const onnx::AttributeProto* a = attr(name);
  return a ? a->f() : fallback;
}

std::string NodeContext::attr_string(const std::string& name, const std::string& fallback) const {
  const onnx::AttributeProto* a = attr(name);
  return a ? a->s() : fallback;
}

std::vector<int64_t> NodeContext::attr_ints(const std::string& name,
                                            std::vector<int64_t> fallback) const {
  const onnx::AttributeProto* a = attr(name);
  return a ? std::vector<int64_t>(a->ints().begin(), a->ints().end()) : fallback;
}

std::vector<float> NodeContext::attr_floats(const std::string& name,
                                            std::vector<float> fallback) const {
  const onnx::AttributeProto* a = attr(name);
  return a ? std::vector<float>(a->floats().begin(), a->floats().end()) : fallback;
}

int NodeContext::axis(int64_t value, int rank) const {
  const int64_t a = value < 0 ? value + rank : value;
  check(a >= 0 && a < rank, "axis ", value, " is out of range for rank ", rank);
  return static_cast<int>(a);
}

std::string NodeContext::output_name(int i) const {
  if (has_output(i)) return node_.output(i);
  return cat(node_.name().empty() ? node_.op_type() : node_.name(), ":", i);
}

void NodeContext::set_output(int i, int tensor) {
  if (!has_output(i)) return;
  if (tensor >= first_new_tensor_) b_.graph().tensors[static_cast<size_t>(tensor)].name = node_.output(i);
  values_[node_.output(i)] = tensor;
}

int NodeContext::op(tflite::BuiltinOperator code, std::vector<int> inputs,
                    tflite::BuiltinOptionsUnion options, std::optional<ElementType> type,
                    const std::string& suffix) {
  if (!type) type = b_.tensor(inputs.at(0)).type;
  return op_with_outputs(code, std::move(inputs), std::move(options), {*type}, suffix)[0];
}

std::vector<int> NodeContext::op_with_outputs(tflite::BuiltinOperator code, std::vector<int> inputs,
                                              tflite::BuiltinOptionsUnion options,
                                              std::vector<ElementType> types,
                                              const std::string& suffix) {
  const std::string name = cat(output_name(), "/", suffix.empty() ? ir::builtin_name(code) : suffix);
  try {
    return b_.add_op(code, std::move(inputs), std::move(options), std::move(types), name);
  } catch (const UnsupportedVariant& e) {
    unsupported(e.what());  // the builder's message names the op and type, not the node
  }
}

int NodeContext::int32_vector(const std::string& suffix, const std::vector<int32_t>& values) {
  return constant(suffix, {static_cast<int32_t>(values.size())}, values);
}

int NodeContext::transpose(int tensor, const std::vector<int>& perm, const std::string& suffix) {
  const int perm_tensor = int32_vector(suffix + "_perm", std::vector<int32_t>(perm.begin(), perm.end()));
  return op(tflite::BuiltinOperator::TRANSPOSE, {tensor, perm_tensor}, {}, b_.tensor(tensor).type, suffix);
}

int NodeContext::reshape(int tensor, const Shape& shape, const std::string& suffix) {
  const int shape_tensor = int32_vector(suffix + "_shape", shape);
  tflite::ReshapeOptionsT options;
  options.new_shape.assign(shape.begin(), shape.end());
  return op(tflite::BuiltinOperator::RESHAPE, {tensor, shape_tensor}, make_options(options),
            b_.tensor(tensor).type, suffix);
}

int NodeContext::gather(int tensor, int axis, const std::vector<int32_t>& indices,
                        const std::string& suffix) {
  tflite::GatherOptionsT options;
  options.axis = axis;
  return op(tflite::BuiltinOperator::GATHER, {tensor, int32_vector(suffix + "_indices", indices)},
            make_options(options), std::nullopt, suffix);
}

int NodeContext::reduce(tflite::BuiltinOperator code, int tensor, const std::vector<int32_t>& axes,
                        bool keep_dims, const std::string& suffix) {
  tflite::ReducerOptionsT options;
  options.keep_dims = keep_dims;
  const int axes_tensor = int32_vector(suffix.empty() ? "axes" : suffix + "_axes", axes);
  return op(code, {tensor, axes_tensor}, make_options(options), std::nullopt, suffix);
}

}  // namespace lq::frontend
