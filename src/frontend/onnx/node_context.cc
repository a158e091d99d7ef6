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
  const std::string name = cat(output_name(), "/", suffix.empty() ? ir::builtin_name(code) : suffix);
  return b_.add_op(code, std::move(inputs), std::move(options), {*type}, name)[0];
}

int NodeContext::transpose(int tensor, const std::vector<int>& perm, const std::string& suffix) {
  const int perm_tensor = constant(suffix + "_perm", {static_cast<int32_t>(perm.size())},
                                   std::vector<int32_t>(perm.begin(), perm.end()));
  return op(tflite::BuiltinOperator::TRANSPOSE, {tensor, perm_tensor}, {}, b_.tensor(tensor).type, suffix);
}

int NodeContext::reshape(int tensor, const Shape& shape, const std::string& suffix) {
  const int shape_tensor = constant(suffix + "_shape", {static_cast<int32_t>(shape.size())},
                                    std::vector<int32_t>(shape.begin(), shape.end()));
  tflite::ReshapeOptionsT options;
  options.new_shape.assign(shape.begin(), shape.end());
  return op(tflite::BuiltinOperator::RESHAPE, {tensor, shape_tensor}, make_options(options),
            b_.tensor(tensor).type, suffix);
}

}  // namespace lq::frontend
