#include "quant/op_spec.h"

#include <algorithm>

#include "core/error.h"

namespace lq::quant {

namespace {

using Op = tflite::BuiltinOperator;

constexpr bool k16 = true;     // TFLite has a 16x8 kernel
constexpr bool kNo16 = false;  // int8 kernel only

OpQuantSpec free_output(Op op, std::vector<int32_t> data, bool int16) {
  OpQuantSpec s;
  s.op = op;
  s.data_inputs = std::move(data);
  s.int16 = int16;
  return s;
}

OpQuantSpec same_as_input(Op op, std::vector<int32_t> data, bool int16) {
  OpQuantSpec s = free_output(op, std::move(data), int16);
  s.output = OutputRule::kSameAsInput;
  return s;
}

OpQuantSpec all_inputs_same(Op op, bool int16) {
  OpQuantSpec s = same_as_input(op, {}, int16);
  s.all_inputs_are_data = true;
  return s;
}

OpQuantSpec fixed_output(Op op, FixedParams int8, FixedParams int16) {
  OpQuantSpec s = free_output(op, {0}, int16.scale > 0);
  s.output = OutputRule::kFixed;
  s.fixed_int8 = int8;
  s.fixed_int16 = int16;
  return s;
}

OpQuantSpec unquantized_output(Op op, std::vector<int32_t> data, bool int16) {
  OpQuantSpec s = free_output(op, std::move(data), int16);
  s.output = OutputRule::kNotQuantized;
  return s;
}

// Ops with int8 symmetric weights and a bias of scale input_scale x weight_scale; all have 16x8
// kernels in TFLite, and hybrid ones unless `hybrid` is false.
OpQuantSpec weighted(Op op, int32_t data, int32_t weight, int32_t axis, int32_t bias, bool hybrid = true) {
  OpQuantSpec s = free_output(op, {data}, k16);
  s.weight_input = weight;
  s.weight_axis = axis;
  s.bias_input = bias;
  s.hybrid = hybrid;
  return s;
}

OpQuantSpec no_integer_kernel(Op op, std::vector<int32_t> data) {
  OpQuantSpec s = free_output(op, std::move(data), kNo16);
  s.int8 = false;
  return s;
}

std::vector<OpQuantSpec> build_table() {
  constexpr FixedParams kNone{};
  std::vector<OpQuantSpec> t = {
      // Weights per axis: output channel (dim 0) of OHWI filters, dim 3 of depthwise 1HWC filters.
      weighted(Op::CONV_2D, /*data=*/0, /*weight=*/1, /*axis=*/0, /*bias=*/2),
      weighted(Op::DEPTHWISE_CONV_2D, 0, 1, 3, 2),
      weighted(Op::FULLY_CONNECTED, 0, 1, 0, 2),
      // Inputs: output shape, weights, data, bias. No hybrid kernel: dynamic-range mode reads its
      // int8 weights through a DEQUANTIZE.
      weighted(Op::TRANSPOSE_CONV, 2, 1, 0, 3, /*hybrid=*/false),

      free_output(Op::ADD, {0, 1}, k16),
      free_output(Op::SUB, {0, 1}, k16),
      free_output(Op::MUL, {0, 1}, k16),
      no_integer_kernel(Op::DIV, {0, 1}),  // TFLite's DIV is float, int32 and legacy uint8 only
      free_output(Op::MEAN, {0}, k16),
      free_output(Op::SUM, {0}, k16),
      free_output(Op::RELU, {0}, k16),
      free_output(Op::RELU6, {0}, k16),
      free_output(Op::RELU_N1_TO_1, {0}, kNo16),
      free_output(Op::RELU_0_TO_1, {0}, kNo16),
      free_output(Op::LEAKY_RELU, {0}, k16),
      free_output(Op::PRELU, {0, 1}, kNo16),  // alpha is quantized like an activation
      free_output(Op::HARD_SWISH, {0}, kNo16),
      free_output(Op::ELU, {0}, kNo16),
      free_output(Op::ABS, {0}, k16),
      free_output(Op::RSQRT, {0}, kNo16),
      free_output(Op::SQUARED_DIFFERENCE, {0, 1}, kNo16),
      free_output(Op::QUANTIZE, {0}, k16),  // float -> int, or requantization between int types

      fixed_output(Op::LOGISTIC, {1.0 / 256, -128}, {1.0 / 32768, 0}),
      fixed_output(Op::TANH, {1.0 / 128, 0}, {1.0 / 32768, 0}),
      fixed_output(Op::SOFTMAX, {1.0 / 256, -128}, {1.0 / 32768, 0}),
      fixed_output(Op::LOG_SOFTMAX, {16.0 / 256, 127}, kNone),
      fixed_output(Op::L2_NORMALIZATION, {1.0 / 128, 0}, kNone),

      same_as_input(Op::AVERAGE_POOL_2D, {0}, k16),
      same_as_input(Op::MAX_POOL_2D, {0}, k16),
      all_inputs_same(Op::CONCATENATION, k16),
      all_inputs_same(Op::PACK, k16),
      same_as_input(Op::UNPACK, {0}, k16),
      same_as_input(Op::RESHAPE, {0}, k16),
      same_as_input(Op::SQUEEZE, {0}, k16),
      same_as_input(Op::EXPAND_DIMS, {0}, k16),
      same_as_input(Op::TRANSPOSE, {0}, k16),
      same_as_input(Op::PAD, {0}, k16),
      same_as_input(Op::PADV2, {0, 2}, k16),  // the padding value shares the input's parameters
      same_as_input(Op::SLICE, {0}, k16),
      same_as_input(Op::STRIDED_SLICE, {0}, k16),
      same_as_input(Op::SPLIT, {1}, k16),  // inputs: axis, data
      same_as_input(Op::SPLIT_V, {0}, k16),
      same_as_input(Op::GATHER, {0}, k16),
      same_as_input(Op::TILE, {0}, kNo16),
      same_as_input(Op::RESIZE_BILINEAR, {0}, k16),
      same_as_input(Op::RESIZE_NEAREST_NEIGHBOR, {0}, k16),
      same_as_input(Op::DEPTH_TO_SPACE, {0}, kNo16),
      same_as_input(Op::SPACE_TO_DEPTH, {0}, kNo16),
      same_as_input(Op::BATCH_TO_SPACE_ND, {0}, k16),
      same_as_input(Op::SPACE_TO_BATCH_ND, {0}, k16),
      same_as_input(Op::MAXIMUM, {0, 1}, k16),
      same_as_input(Op::MINIMUM, {0, 1}, k16),
      same_as_input(Op::REDUCE_MAX, {0}, k16),
      same_as_input(Op::REDUCE_MIN, {0}, k16),

      unquantized_output(Op::DEQUANTIZE, {0}, k16),
      unquantized_output(Op::ARG_MAX, {0}, kNo16),
      unquantized_output(Op::ARG_MIN, {0}, kNo16),
      unquantized_output(Op::SHAPE, {0}, k16),
      unquantized_output(Op::LESS, {0, 1}, kNo16),
      unquantized_output(Op::LESS_EQUAL, {0, 1}, kNo16),
      unquantized_output(Op::GREATER, {0, 1}, kNo16),
      unquantized_output(Op::GREATER_EQUAL, {0, 1}, kNo16),
      unquantized_output(Op::EQUAL, {0, 1}, kNo16),
      unquantized_output(Op::NOT_EQUAL, {0, 1}, kNo16),
  };
  // BATCH_MATMUL: both operands are activations; a constant right-hand side is an int8 weight
  // (per tensor) in dynamic-range mode, and is checked as one.
  OpQuantSpec bmm = free_output(Op::BATCH_MATMUL, {0, 1}, k16);
  bmm.weight_input = 1;
  bmm.weight_only_if_constant = true;
  bmm.hybrid = true;
  t.push_back(std::move(bmm));
  return t;
}

// Index by op code, built once.
std::vector<const OpQuantSpec*> build_index(const std::vector<OpQuantSpec>& table) {
  std::vector<const OpQuantSpec*> index(static_cast<size_t>(tflite::BuiltinOperator::MAX) + 1, nullptr);
  for (const OpQuantSpec& s : table) {
    const auto code = static_cast<size_t>(s.op);
    LQ_CHECK(index[code] == nullptr, "quantization spec table: op ", static_cast<int>(s.op), " listed twice");
    index[code] = &s;
  }
  return index;
}

}  // namespace

bool OpQuantSpec::is_data_input(int32_t index) const {
  return all_inputs_are_data ||
         std::find(data_inputs.begin(), data_inputs.end(), index) != data_inputs.end();
}

bool OpQuantSpec::supports(ElementType activation_type) const {
  if (activation_type == ElementType::kInt8) return int8;
  if (activation_type == ElementType::kInt16) return int16;
  return false;
}

const FixedParams& OpQuantSpec::fixed(ElementType activation_type) const {
  return activation_type == ElementType::kInt16 ? fixed_int16 : fixed_int8;
}

const std::vector<OpQuantSpec>& op_spec_table() {
  static const std::vector<OpQuantSpec> table = build_table();
  return table;
}

const OpQuantSpec* find_op_spec(tflite::BuiltinOperator op) {
  static const std::vector<const OpQuantSpec*> index = build_index(op_spec_table());
  const auto code = static_cast<size_t>(op);
  return code < index.size() ? index[code] : nullptr;
}

ElementType bias_type_for(ElementType activation_type) {
  return activation_type == ElementType::kInt16 ? ElementType::kInt64 : ElementType::kInt32;
}

bool is_quantized_type(ElementType type) {
  return type == ElementType::kInt8 || type == ElementType::kUInt8 || type == ElementType::kInt16;
}

}  // namespace lq::quant
