// Operator versions and min_runtime_version, following TFLite's converter. The facts were taken
// from the converter's copy of the versioning code in google-ai-edge/LiteRT, the newest versions
// found:
//   tflite/converter/tools/versioning/op_version.cc      @ f2fe03ebf716bf2bf32e1b6ba6385ae29339e771
//   tflite/converter/tools/versioning/op_signature.cc    @ 6e59417fbc2dc97dec4221b3bf2ace8794c136f6
//   tflite/converter/tools/versioning/runtime_version.cc @ 2fd97f8bf079941b45d65b593cbb27569689f335
// (the same files, older, live in tensorflow/tensorflow under
// tensorflow/compiler/mlir/lite/tools/versioning). The converter writes every builtin op code with
// version 0, then, on the finished flatbuffer, raises each op code to GetBuiltinOperatorVersion()
// of every op using it (never lowering it) and fills the 16-byte "min_runtime_version" buffer from
// the runtime table.
//
// How an op is seen, as the converter sees it through the flatbuffer:
//  - an operand listed as -1 (optional input left out) has no type and rank 0, but still counts in
//    the number of inputs (FULLY_CONNECTED with bias -1 is not "two inputs");
//  - "quantized" means the tensor carries scales (the runtime's notion of an affine-quantized
//    tensor);
//  - options: the converter parses the options table into the runtime's params struct, zeroed when
//    the table is absent. So a missing AddOptions/SubOptions reads as pot_scale_int16 = false, and
//    a missing DepthwiseConv2DOptions as dilation 0 (which counts as dilated). quantized_bias_type
//    is converted to a runtime type, and every schema type (FLOAT32, the default, included) is a
//    non-empty runtime type: any Conv2D/FullyConnected/TransposeConv options table "sets" it.
//  - the runtime table is keyed by (op, version); pairs without an entry are skipped.
#include "io/op_version.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <utility>

namespace lq::io {
namespace {

using BO = tflite::BuiltinOperator;
using ET = ElementType;

// One operand of an op; empty for an index of -1, an index past the tensor list, or a position past
// the op's operand list.
class Operand {
 public:
  explicit Operand(const ir::Tensor* tensor) : t_(tensor) {}

  bool present() const { return t_ != nullptr; }
  bool is(ET type) const { return t_ != nullptr && t_->type == type; }
  template <class... Types> bool is_any(Types... types) const { return (is(types) || ...); }
  size_t rank() const { return t_ != nullptr ? t_->shape.size() : 0; }
  const Shape& shape() const {
    static const Shape kNone;
    return t_ != nullptr ? t_->shape : kNone;
  }
  bool quantized() const { return t_ != nullptr && !t_->quant.scale.empty(); }
  float first_scale() const { return quantized() ? t_->quant.scale.front() : 0.0f; }
  size_t scale_count() const { return t_ != nullptr ? t_->quant.scale.size() : 0; }
  int32_t axis() const { return t_ != nullptr ? t_->quant.axis : 0; }
  bool sparse() const { return t_ != nullptr && t_->sparsity.has_value(); }

  // One scale per slice along dimension `dim` (the dimension exists and is not empty).
  bool scale_per_slice_of(int64_t dim) const {
    if (dim < 0 || static_cast<size_t>(dim) >= rank()) return false;
    const int32_t extent = t_->shape[static_cast<size_t>(dim)];
    return extent > 0 && scale_count() == static_cast<size_t>(extent);
  }

 private:
  const ir::Tensor* t_;
};

class Signature {
 public:
  Signature(const ir::Op& op, const ir::Subgraph& graph) : op_(op), graph_(graph) {}

  Operand in(size_t i) const { return pick(op_.inputs, i); }
  Operand out(size_t i) const { return pick(op_.outputs, i); }
  size_t inputs() const { return op_.inputs.size(); }
  size_t outputs() const { return op_.outputs.size(); }
  const tflite::BuiltinOptionsUnion& options() const { return op_.options; }

  // in(0), in(1), out(0) have exactly these types.
  bool typed(ET input, ET weights, ET output) const {
    return in(0).is(input) && in(1).is(weights) && out(0).is(output);
  }
  // Both outputs and first input of one type.
  bool in_out(ET type) const { return in(0).is(type) && out(0).is(type); }

  // The first two inputs differ in shape and some input has more than 4 dimensions.
  bool broadcasts_beyond_rank4() const {
    if (inputs() < 2 || in(0).shape() == in(1).shape()) return false;
    size_t max_rank = 0;
    for (size_t i = 0; i < inputs(); ++i) max_rank = std::max(max_rank, in(i).rank());
    return max_rank > 4;
  }

 private:
  Operand pick(const std::vector<int32_t>& list, size_t i) const {
    if (i >= list.size() || list[i] < 0) return Operand(nullptr);
    const size_t index = static_cast<size_t>(list[i]);
    return Operand(index < graph_.tensors.size() ? &graph_.tensors[index] : nullptr);
  }

  const ir::Op& op_;
  const ir::Subgraph& graph_;
};

// See the file comment: an options table present means a bias type is named.
bool names_bias_type(tflite::TensorType type) {
  return is_valid_element_type(static_cast<int>(type));
}

// CONV_2D. Raised by: 16x8 (int16 in/out, int8 filter) with an options table (quantized bias type)
// -> 8; grouped convolution (input channels != filter input channels) -> 6; int16 filter -> 4;
// int8 -> 3; int8 with int4 filter -> 7; hybrid (float in/out, int8 filter) -> 2, or 5 when the
// filter has one scale per output channel. Dilation does not raise CONV_2D.
// Upstream tests the int16-filter rule against output 1, which a conv does not have (the converter
// would throw); output 0 is taken here, the evident intent.
int32_t conv_2d(const Signature& s) {
  const Operand x = s.in(0), w = s.in(1);
  const auto* o = s.options().AsConv2DOptions();
  if (s.typed(ET::kInt16, ET::kInt8, ET::kInt16) && o && names_bias_type(o->quantized_bias_type))
    return 8;
  if (x.rank() >= 4 && w.rank() >= 4 && x.shape()[3] != w.shape()[3]) return 6;
  if (s.typed(ET::kInt16, ET::kInt16, ET::kInt16)) return 4;
  if (s.typed(ET::kInt8, ET::kInt8, ET::kInt8)) return 3;
  if (s.typed(ET::kInt8, ET::kInt4, ET::kInt8)) return 7;
  if (s.typed(ET::kFloat32, ET::kInt8, ET::kFloat32)) return w.scale_per_slice_of(0) ? 5 : 2;
  return 1;
}

// DEPTHWISE_CONV_2D. int16 filter -> 5 (same output-index note as CONV_2D); hybrid -> 4, or 6 with
// one filter scale per channel (last dimension); int8 -> 3; int8 with int4 filter -> 7; otherwise a
// dilation factor other than 1 (a missing options table reads as 0) -> 2.
int32_t depthwise_conv_2d(const Signature& s) {
  if (s.typed(ET::kInt16, ET::kInt16, ET::kInt16)) return 5;
  if (s.typed(ET::kFloat32, ET::kInt8, ET::kFloat32)) return s.in(1).scale_per_slice_of(3) ? 6 : 4;
  if (s.typed(ET::kInt8, ET::kInt8, ET::kInt8)) return 3;
  if (s.typed(ET::kInt8, ET::kInt4, ET::kInt8)) return 7;
  const auto* o = s.options().AsDepthwiseConv2DOptions();
  const int32_t dw = o ? o->dilation_w_factor : 0, dh = o ? o->dilation_h_factor : 0;
  return dw != 1 || dh != 1 ? 2 : 1;
}

// FULLY_CONNECTED, first rule that holds: int16 in/out with int4 weights -> 13; hybrid with one
// weight scale per output row -> 12; 16x8 with an options table (quantized bias type) -> 11; sparse
// weights -> 8; int16 weights -> 7; exactly two inputs (no bias slot) -> 6; keep_num_dims -> 5;
// int8 -> 4; int8 with int4 weights -> 10; hybrid -> 3, or 9 with asymmetric_quantize_inputs;
// shuffled 4x16 int8 weights -> 2. (Upstream also has int2 weights -> 14; there is no int2 element
// type here.)
int32_t fully_connected(const Signature& s) {
  const Operand w = s.in(1);
  const auto* o = s.options().AsFullyConnectedOptions();
  const bool hybrid = s.typed(ET::kFloat32, ET::kInt8, ET::kFloat32);
  if (s.typed(ET::kInt16, ET::kInt4, ET::kInt16)) return 13;
  if (hybrid && w.rank() > 0 && w.scale_per_slice_of(0)) return 12;
  if (s.typed(ET::kInt16, ET::kInt8, ET::kInt16) && o && names_bias_type(o->quantized_bias_type))
    return 11;
  if (w.sparse()) return 8;
  if (s.typed(ET::kInt16, ET::kInt16, ET::kInt16)) return 7;
  if (s.inputs() == 2) return 6;
  if (o && o->keep_num_dims) return 5;
  if (s.typed(ET::kInt8, ET::kInt8, ET::kInt8)) return 4;
  if (s.typed(ET::kInt8, ET::kInt4, ET::kInt8)) return 10;
  if (hybrid) return o && o->asymmetric_quantize_inputs ? 9 : 3;
  if (o && o->weights_format == tflite::FullyConnectedOptionsWeightsFormat::SHUFFLED4x16INT8)
    return 2;
  return 1;
}

// TRANSPOSE_CONV (inputs: output shape, weights, input, optional bias). The upstream 16x8 rule
// (-> 5) tests input 0, the int32 output-shape tensor, so it never holds; kept as written. A fused
// activation -> 4; a bias present -> 3; int8 weights -> 2.
int32_t transpose_conv(const Signature& s) {
  const auto* o = s.options().AsTransposeConvOptions();
  if (s.typed(ET::kInt16, ET::kInt8, ET::kInt16) && o && names_bias_type(o->quantized_bias_type))
    return 5;
  if (o && o->fused_activation_function != tflite::ActivationFunctionType::NONE) return 4;
  if (s.inputs() == 4 && s.in(3).present()) return 3;
  if (s.in(1).is(ET::kInt8)) return 2;
  return 1;
}

// ADD: int16 input without quantization (integer add) -> 5; int64 -> 4; int16 in/out quantized
// with general scales (pot_scale_int16 false, or no options table) -> 3; int8 -> 2.
int32_t add(const Signature& s) {
  const Operand x = s.in(0);
  if (x.is(ET::kInt16) && !x.quantized()) return 5;
  if (x.is(ET::kInt64)) return 4;
  if (s.in_out(ET::kInt16)) {
    const auto* o = s.options().AsAddOptions();
    if (!o || !o->pot_scale_int16) return 3;
  }
  if (x.is(ET::kInt8)) return 2;
  return 1;
}

// SUB: int16 in/out with general scales (pot_scale_int16 false, or no options table) -> 5;
// int64 -> 4; broadcasting with more than 4 dimensions -> 3; int8 -> 2.
int32_t sub(const Signature& s) {
  if (s.in_out(ET::kInt16)) {
    const auto* o = s.options().AsSubOptions();
    if (!o || !o->pot_scale_int16) return 5;
  }
  if (s.in(0).is(ET::kInt64)) return 4;
  if (s.broadcasts_beyond_rank4()) return 3;
  if (s.in(0).is(ET::kInt8)) return 2;
  return 1;
}

// MUL: int16 without quantized inputs, or uint32 -> 7; complex64 -> 6; int64 -> 5; int16 -> 4;
// quantized with input1_scale * input2_scale / output_scale >= 1 -> 3; int8 -> 2.
int32_t mul(const Signature& s) {
  const Operand x = s.in(0);
  const bool binary = s.inputs() >= 2 && s.outputs() >= 1;
  const bool quantized_input = binary && (s.in(0).quantized() || s.in(1).quantized());
  if ((x.is(ET::kInt16) && !quantized_input) || x.is(ET::kUInt32)) return 7;
  if (x.is(ET::kComplex64)) return 6;
  if (x.is(ET::kInt64)) return 5;
  if (x.is(ET::kInt16)) return 4;
  if (binary) {
    const float a = s.in(0).first_scale(), b = s.in(1).first_scale(), c = s.out(0).first_scale();
    if (a != 0.0f && b != 0.0f && c != 0.0f && a * b / c >= 1.0f) return 3;
  }
  if (x.is(ET::kInt8)) return 2;
  return 1;
}

// GATHER: int4 params -> 7; int16 indices -> 6; batch_dims != 0 -> 5; int16 -> 4; bool -> 3;
// int8 -> 2.
int32_t gather(const Signature& s) {
  const Operand x = s.in(0);
  if (x.is(ET::kInt4)) return 7;
  if (s.in(1).is(ET::kInt16)) return 6;
  const auto* o = s.options().AsGatherOptions();
  if (o && o->batch_dims != 0) return 5;
  if (x.is(ET::kInt16)) return 4;
  if (x.is(ET::kBool)) return 3;
  if (x.is(ET::kInt8)) return 2;
  return 1;
}

// STRIDED_SLICE: offset -> 8; uint32 -> 7; ellipsis or new-axis mask -> 6; string -> 5; input of
// more than 4 dimensions -> 4; bool -> 3; int8 -> 2.
int32_t strided_slice(const Signature& s) {
  const Operand x = s.in(0);
  const auto* o = s.options().AsStridedSliceOptions();
  if (o && o->offset) return 8;
  if (x.is(ET::kUInt32)) return 7;
  if (o && (o->ellipsis_mask != 0 || o->new_axis_mask != 0)) return 6;
  if (x.is(ET::kString)) return 5;
  if (x.rank() > 4) return 4;
  if (x.is(ET::kBool)) return 3;
  if (x.is(ET::kInt8)) return 2;
  return 1;
}

// RESIZE_BILINEAR: int16 -> 4; half_pixel_centers -> 3; int8 -> 2.
// RESIZE_NEAREST_NEIGHBOR: int16 -> 4; half_pixel_centers or align_corners -> 3; int8 -> 2.
int32_t resize(const Signature& s, bool nearest) {
  const Operand x = s.in(0);
  if (x.is(ET::kInt16)) return 4;
  bool option_raise = false;
  if (nearest) {
    const auto* o = s.options().AsResizeNearestNeighborOptions();
    option_raise = o && (o->half_pixel_centers || o->align_corners);
  } else {
    const auto* o = s.options().AsResizeBilinearOptions();
    option_raise = o && o->half_pixel_centers;
  }
  if (option_raise) return 3;
  if (x.is(ET::kInt8)) return 2;
  return 1;
}

// QUANTIZE: int4 on either side -> 4; output with one scale per slice of its quantized axis (more
// than one scale) -> 3; int16 output -> 2.
int32_t quantize(const Signature& s) {
  const Operand y = s.out(0);
  if (s.in(0).is(ET::kInt4) || y.is(ET::kInt4)) return 4;
  if (y.scale_count() > 1 && y.scale_per_slice_of(y.axis())) return 3;
  if (y.is(ET::kInt16)) return 2;
  return 1;
}

// DEQUANTIZE: int4 -> 6; int16 or float16 -> 3; int8 -> 2, or 5 with one scale per slice of its
// quantized axis (more than one scale). (Upstream also has int2 -> 7.)
int32_t dequantize(const Signature& s) {
  const Operand x = s.in(0);
  if (x.is(ET::kInt4)) return 6;
  if (x.is_any(ET::kInt16, ET::kFloat16)) return 3;
  if (x.is(ET::kInt8)) return x.scale_count() > 1 && x.scale_per_slice_of(x.axis()) ? 5 : 2;
  return 1;
}

// CAST, on either side: bfloat16 -> 7; int4 to float32 -> 6; float64 or float16 -> 5;
// uint16 -> 4; int8 -> 3; uint32 -> 2. (Upstream also has int2 -> 8.)
int32_t cast(const Signature& s) {
  const Operand x = s.in(0), y = s.out(0);
  auto either = [&](ET t) { return x.is(t) || y.is(t); };
  if (either(ET::kBFloat16)) return 7;
  if (x.is(ET::kInt4) && y.is(ET::kFloat32)) return 6;
  if (either(ET::kFloat64) || either(ET::kFloat16)) return 5;
  if (either(ET::kUInt16)) return 4;
  if (either(ET::kInt8)) return 3;
  if (either(ET::kUInt32)) return 2;
  return 1;
}

// LSTM (full kernel unless the options say basic; no options read as full): 16x8 -> 5; hybrid
// (float input, int8 weights at input 2) -> 3, or 4 with asymmetric_quantize_inputs; basic
// kernel -> 2.
int32_t lstm(const Signature& s) {
  const auto* o = s.options().AsLSTMOptions();
  const bool full = !o || o->kernel_type == tflite::LSTMKernelType::FULL;
  const bool weights_int8 = s.in(2).is(ET::kInt8);
  if (full && s.in_out(ET::kInt16) && weights_int8) return 5;
  if (full && s.in_out(ET::kFloat32) && weights_int8)
    return o && o->asymmetric_quantize_inputs ? 4 : 3;
  if (!full) return 2;
  return 1;
}

// UNIDIRECTIONAL_SEQUENCE_LSTM: 16x8 -> 5; diagonal recurrent tensors -> 4; hybrid -> 2, or 3
// with asymmetric_quantize_inputs.
int32_t unidirectional_sequence_lstm(const Signature& s) {
  const auto* o = s.options().AsUnidirectionalSequenceLSTMOptions();
  const bool weights_int8 = s.in(2).is(ET::kInt8);
  if (s.in_out(ET::kInt16) && weights_int8) return 5;
  if (o && o->diagonal_recurrent_tensors) return 4;
  if (s.in_out(ET::kFloat32) && weights_int8) return o && o->asymmetric_quantize_inputs ? 3 : 2;
  return 1;
}

// RNN, UNIDIRECTIONAL_SEQUENCE_RNN, BIDIRECTIONAL_SEQUENCE_RNN, BIDIRECTIONAL_SEQUENCE_LSTM: int8
// weights (input 1) with float output -> 2, or 3 with asymmetric_quantize_inputs.
int32_t recurrent_hybrid(const Signature& s, bool asymmetric) {
  if (s.in(1).is(ET::kInt8) && s.out(0).is(ET::kFloat32)) return asymmetric ? 3 : 2;
  return 1;
}

// SVDF: int8 input -> 3; hybrid -> 2, or 4 with asymmetric_quantize_inputs.
int32_t svdf(const Signature& s) {
  if (s.in(0).is(ET::kInt8)) return 3;
  if (s.typed(ET::kFloat32, ET::kInt8, ET::kFloat32)) {
    const auto* o = s.options().AsSVDFOptions();
    return o && o->asymmetric_quantize_inputs ? 4 : 2;
  }
  return 1;
}

// Ops whose version follows the first input: int16 -> 3, int8 -> 2.
int32_t int16_3_int8_2(const Signature& s) {
  if (s.in(0).is(ET::kInt16)) return 3;
  if (s.in(0).is(ET::kInt8)) return 2;
  return 1;
}

// Ops whose version follows the first input: int16 in and out -> 3, int8 -> 2.
int32_t int16_io_3_int8_2(const Signature& s) {
  if (s.in_out(ET::kInt16)) return 3;
  if (s.in(0).is(ET::kInt8)) return 2;
  return 1;
}

// The rule for `op`, or nothing when TFLite does not version the op by rule.
std::optional<int32_t> rule_version(const ir::Op& op, const ir::Subgraph& graph) {
  const Signature s(op, graph);
  const Operand x = s.in(0);
  switch (op.builtin) {
    case BO::CONV_2D: return conv_2d(s);
    case BO::DEPTHWISE_CONV_2D: return depthwise_conv_2d(s);
    case BO::FULLY_CONNECTED: return fully_connected(s);
    case BO::TRANSPOSE_CONV: return transpose_conv(s);
    case BO::ADD: return add(s);
    case BO::SUB: return sub(s);
    case BO::MUL: return mul(s);
    // DIV: broadcasting with more than 4 dimensions -> 2.
    case BO::DIV: return s.broadcasts_beyond_rank4() ? 2 : 1;

    // RELU: int16 -> 3; int8 or uint8 -> 2.
    case BO::RELU:
      if (x.is(ET::kInt16)) return 3;
      return x.is_any(ET::kInt8, ET::kUInt8) ? 2 : 1;
    // RELU6, SOFTMAX, MEAN, REDUCE_MAX, REDUCE_MIN, MIRROR_PAD, RSQRT: int16 -> 3; int8 -> 2.
    case BO::RELU6:
    case BO::SOFTMAX:
    case BO::MEAN:
    case BO::REDUCE_MAX:
    case BO::REDUCE_MIN:
    case BO::MIRROR_PAD:
    case BO::RSQRT: return int16_3_int8_2(s);
    // LEAKY_RELU: int16 -> 2 (int8 stays 1).
    case BO::LEAKY_RELU: return x.is(ET::kInt16) ? 2 : 1;
    // LOGISTIC, TANH, AVERAGE_POOL_2D, MAX_POOL_2D: int16 in and out -> 3; int8 -> 2.
    case BO::LOGISTIC:
    case BO::TANH:
    case BO::AVERAGE_POOL_2D:
    case BO::MAX_POOL_2D: return int16_io_3_int8_2(s);
    // No rule upstream: every type and option is version 1.
    case BO::RELU_N1_TO_1:
    case BO::PRELU:
    case BO::HARD_SWISH:
    case BO::RESHAPE:
    case BO::EXPAND_DIMS:
    case BO::DENSIFY:
    case BO::IF: return 1;

    // SUM, DEPTH_TO_SPACE, SPACE_TO_DEPTH, SPLIT_V, LOG_SOFTMAX, GREATER, LESS_EQUAL,
    // SQUARED_DIFFERENCE: int8 -> 2 (no int16 step).
    case BO::SUM:
    case BO::DEPTH_TO_SPACE:
    case BO::SPACE_TO_DEPTH:
    case BO::SPLIT_V:
    case BO::LOG_SOFTMAX:
    case BO::GREATER:
    case BO::LESS_EQUAL:
    case BO::SQUARED_DIFFERENCE: return x.is(ET::kInt8) ? 2 : 1;
    // LOG, EXP, SQRT, REDUCE_PROD: int8 or int16 -> 2.
    case BO::LOG:
    case BO::EXP:
    case BO::SQRT:
    case BO::REDUCE_PROD: return x.is_any(ET::kInt8, ET::kInt16) ? 2 : 1;
    // GREATER_EQUAL, LESS: int16 -> 3; int8 -> 2.
    case BO::GREATER_EQUAL:
    case BO::LESS: return int16_3_int8_2(s);
    // EQUAL: int16 -> 5; string -> 3; int8 -> 2.
    case BO::EQUAL:
      if (x.is(ET::kInt16)) return 5;
      if (x.is(ET::kString)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    // NOT_EQUAL: int16 -> 4; string -> 3; int8 -> 2.
    case BO::NOT_EQUAL:
      if (x.is(ET::kInt16)) return 4;
      if (x.is(ET::kString)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    // MAXIMUM, MINIMUM: int16 in and out -> 4; broadcasting beyond 4 dimensions -> 3; int8 -> 2.
    case BO::MAXIMUM:
    case BO::MINIMUM:
      if (s.in_out(ET::kInt16)) return 4;
      if (s.broadcasts_beyond_rank4()) return 3;
      return x.is(ET::kInt8) ? 2 : 1;

    // TRANSPOSE: int4 -> 7; more than 5 dimensions -> 6; int16 -> 5; more than 4 dimensions -> 4;
    // bool -> 3; int8 -> 2.
    case BO::TRANSPOSE:
      if (x.is(ET::kInt4)) return 7;
      if (x.rank() > 5) return 6;
      if (x.is(ET::kInt16)) return 5;
      if (x.rank() > 4) return 4;
      if (x.is(ET::kBool)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    // SQUEEZE: string -> 2.
    case BO::SQUEEZE: return x.is(ET::kString) ? 2 : 1;
    // CONCATENATION (first input): uint32 -> 4; int16 -> 3; int8 -> 2.
    case BO::CONCATENATION:
      if (x.is(ET::kUInt32)) return 4;
      return int16_3_int8_2(s);
    // PAD, PADV2: bool -> 5; more than 4 dimensions -> 4; int16 -> 3; int8 -> 2.
    case BO::PAD:
    case BO::PADV2:
      if (x.is(ET::kBool)) return 5;
      if (x.rank() > 4) return 4;
      return int16_3_int8_2(s);
    case BO::RESIZE_BILINEAR: return resize(s, false);
    case BO::RESIZE_NEAREST_NEIGHBOR: return resize(s, true);
    case BO::STRIDED_SLICE: return strided_slice(s);
    // SLICE: int4 -> 7; uint32 -> 6; more than 4 dimensions -> 5; int16 -> 4; string -> 3;
    // int8 -> 2.
    case BO::SLICE:
      if (x.is(ET::kInt4)) return 7;
      if (x.is(ET::kUInt32)) return 6;
      if (x.rank() > 4) return 5;
      if (x.is(ET::kInt16)) return 4;
      if (x.is(ET::kString)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    // SPLIT (the data is input 1, input 0 is the axis): int16 -> 4; int32 -> 3; int8 -> 2.
    case BO::SPLIT:
      if (s.in(1).is(ET::kInt16)) return 4;
      if (s.in(1).is(ET::kInt32)) return 3;
      return s.in(1).is(ET::kInt8) ? 2 : 1;
    case BO::GATHER: return gather(s);
    // GATHER_ND: bool -> 5; int16 indices -> 4; int16 -> 3; string -> 2.
    case BO::GATHER_ND:
      if (x.is(ET::kBool)) return 5;
      if (s.in(1).is(ET::kInt16)) return 4;
      if (x.is(ET::kInt16)) return 3;
      return x.is(ET::kString) ? 2 : 1;
    // BATCH_MATMUL: int16 -> 3; int8 -> 2; hybrid with asymmetric_quantize_inputs -> 4.
    case BO::BATCH_MATMUL: {
      if (x.is(ET::kInt16)) return 3;
      if (x.is(ET::kInt8)) return 2;
      const auto* o = s.options().AsBatchMatMulOptions();
      if (s.typed(ET::kFloat32, ET::kInt8, ET::kFloat32) && o && o->asymmetric_quantize_inputs)
        return 4;
      return 1;
    }
    case BO::QUANTIZE: return quantize(s);
    case BO::DEQUANTIZE: return dequantize(s);
    case BO::CAST: return cast(s);

    // The ops below are versioned by rule upstream too, though litequant does not run them yet.
    case BO::EMBEDDING_LOOKUP: {
      // int4 table, or one table scale per row (more than one scale) -> 4.
      const Operand table = s.in(1);
      const bool per_row = table.scale_count() > 1 && table.scale_per_slice_of(0);
      return table.is(ET::kInt4) || per_row ? 4 : 1;
    }
    case BO::FAKE_QUANT: {
      const auto* o = s.options().AsFakeQuantOptions();
      return o && o->narrow_range ? 2 : 1;
    }
    case BO::SVDF: return svdf(s);
    case BO::SIGN: return x.is(ET::kInt32) ? 2 : 1;
    case BO::LSTM: return lstm(s);
    case BO::UNIDIRECTIONAL_SEQUENCE_LSTM: return unidirectional_sequence_lstm(s);
    case BO::RNN: {
      const auto* o = s.options().AsRNNOptions();
      return recurrent_hybrid(s, o && o->asymmetric_quantize_inputs);
    }
    case BO::UNIDIRECTIONAL_SEQUENCE_RNN: {
      const auto* o = s.options().AsSequenceRNNOptions();
      return recurrent_hybrid(s, o && o->asymmetric_quantize_inputs);
    }
    case BO::BIDIRECTIONAL_SEQUENCE_RNN: {
      const auto* o = s.options().AsBidirectionalSequenceRNNOptions();
      return recurrent_hybrid(s, o && o->asymmetric_quantize_inputs);
    }
    case BO::BIDIRECTIONAL_SEQUENCE_LSTM: {
      const auto* o = s.options().AsBidirectionalSequenceLSTMOptions();
      return recurrent_hybrid(s, o && o->asymmetric_quantize_inputs);
    }
    case BO::SPARSE_TO_DENSE:
      if (s.in(2).is_any(ET::kInt8, ET::kUInt8)) return 3;
      return s.in(2).is(ET::kInt64) ? 2 : 1;
    case BO::UNPACK:
      if (x.is_any(ET::kInt8, ET::kUInt8)) return 2;
      if (x.is(ET::kBool)) return 3;
      return s.in_out(ET::kInt16) ? 4 : 1;
    case BO::PACK:
      if (x.is(ET::kInt8)) return 2;
      if (s.in_out(ET::kInt16)) return 3;
      return x.is(ET::kUInt32) ? 4 : 1;
    case BO::FLOOR_DIV:
      if (x.is_any(ET::kInt16, ET::kInt8)) return 3;
      return x.is(ET::kFloat32) ? 2 : 1;
    case BO::FLOOR_MOD: return x.is_any(ET::kInt16, ET::kInt8) ? 2 : 1;
    case BO::L2_NORMALIZATION: return s.out(0).is(ET::kInt8) ? 2 : 1;
    case BO::ABS:
      if (x.is(ET::kInt32)) return 5;
      if (x.is(ET::kInt16)) return x.quantized() ? 3 : 4;
      return x.is_any(ET::kInt8, ET::kUInt8) ? 2 : 1;
    case BO::REVERSE_V2:
      if (x.is(ET::kInt8)) return 3;
      return x.is(ET::kBool) ? 2 : 1;
    case BO::TILE:
      if (x.is(ET::kInt8)) return 3;
      return x.is(ET::kString) ? 2 : 1;
    case BO::SPACE_TO_BATCH_ND:
    case BO::BATCH_TO_SPACE_ND:
      if (x.is(ET::kInt16)) return 4;
      if (x.rank() != 4) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    case BO::FILL: {
      if (s.inputs() < 2) return 1;
      const Operand value = s.in(1);
      if (value.is(ET::kFloat16)) return 4;
      if (value.is_any(ET::kInt8, ET::kInt16)) return 3;
      return value.is_any(ET::kBool, ET::kString) ? 2 : 1;
    }
    case BO::RANGE: return x.is(ET::kInt64) ? 2 : 1;
    case BO::ARG_MAX:
    case BO::ARG_MIN:
      if (x.is(ET::kBool)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    case BO::SELECT:
      if (x.is(ET::kUInt32)) return 4;
      if (x.rank() == 5 || s.in(1).rank() == 5 || s.in(2).rank() == 5) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    case BO::SELECT_V2: return x.is(ET::kUInt32) ? 2 : 1;
    case BO::TOPK_V2:
      if (x.is(ET::kInt16) || s.in(1).is(ET::kInt16) || s.out(1).is(ET::kInt16)) return 3;
      return x.is(ET::kInt8) ? 2 : 1;
    case BO::DYNAMIC_UPDATE_SLICE:
      if (x.is(ET::kInt16)) return 4;
      if (x.is(ET::kFloat16)) return 3;
      return s.in(2).is(ET::kInt64) ? 2 : 1;
    // BROADCAST_TO starts at version 2 (version 1 was withdrawn); int8 or int16 -> 3.
    case BO::BROADCAST_TO: return x.is_any(ET::kInt8, ET::kInt16) ? 3 : 2;
    case BO::WHERE: return x.is(ET::kBool) ? 1 : 2;
    case BO::GELU: return x.is_any(ET::kInt8, ET::kUInt8) ? 2 : 1;

    default: return std::nullopt;
  }
}

// Minimum runtime per (op, version), from runtime_version.cc: each row lists the releases for
// consecutive versions starting at `first`, separated by spaces.
struct RuntimeRow {
  BO op;
  int32_t first;
  std::string_view releases;
};

constexpr RuntimeRow kRuntimeRows[] = {
    {BO::ADD, 1, "1.5.0 1.14.0 2.4.0 2.6.0 2.13.0"},
    {BO::ADD_N, 1, "1.14.0"},
    {BO::AVERAGE_POOL_2D, 1, "1.5.0 1.14.0 2.3.0"},
    {BO::BATCH_MATMUL, 1, "2.3.0 2.3.0 2.4.0 2.5.0"},
    {BO::BROADCAST_TO, 2, "2.5.0 2.5.0"},
    {BO::CONV_2D, 1, "1.5.0 1.14.0 1.14.0 2.3.0 2.4.0 2.9.0 2.11.0 2.15.0"},
    {BO::DEPTHWISE_CONV_2D, 1, "1.5.0 1.12.0 1.14.0 2.2.0 2.3.0 2.3.0 2.11.0"},
    {BO::SPACE_TO_BATCH_ND, 1, "1.6.0 1.14.0 2.3.0 2.12.0"},
    {BO::SUB, 1, "1.6.0 1.14.0 2.3.0 2.4.0 2.4.0"},
    {BO::DENSIFY, 1, "2.2.0"},
    {BO::DIV, 1, "1.6.0 2.3.0"},
    {BO::BATCH_TO_SPACE_ND, 1, "1.6.0 1.14.0 2.3.0 2.12.0"},
    {BO::CAST, 1, "1.5.0 2.7.0 2.8.0 2.9.0 2.12.0 2.15.0 2.17.0 2.21.0"},
    {BO::CONCATENATION, 1, "1.5.0 1.14.0 2.3.0 2.14.0 2.21.0"},
    {BO::DEPTH_TO_SPACE, 1, "2.1.0 2.5.0"},
    {BO::EMBEDDING_LOOKUP, 1, "1.13.0 1.14.0 1.14.0 2.18.0 2.21.0"},
    {BO::EMBEDDING_LOOKUP_SPARSE, 1, "1.5.0"},
    {BO::FAKE_QUANT, 1, "1.5.0 1.10.0"},
    {BO::FULLY_CONNECTED, 1,
     "1.5.0 1.10.0 1.14.0 1.14.0 2.0.0 2.1.0 2.3.0 2.3.0 2.3.0 2.11.0 2.15.0 2.17.0 2.18.0 2.21.0"},
    {BO::GATHER, 1, "1.6.0 1.14.0 1.15.0 2.4.0 2.5.0 2.13.0 2.15.0"},
    {BO::GATHER_ND, 1, "1.14.0 2.3.0 2.5.0 2.13.0 2.16.0"},
    {BO::HASHTABLE_LOOKUP, 1, "1.5.0"},
    {BO::SVDF, 1, "1.5.0 1.14.0 2.2.0 2.3.0"},
    {BO::L2_NORMALIZATION, 1, "1.5.0 1.14.0"},
    {BO::L2_POOL_2D, 1, "1.5.0"},
    {BO::LOCAL_RESPONSE_NORMALIZATION, 1, "1.5.0"},
    {BO::MAX_POOL_2D, 1, "1.5.0 1.14.0 2.3.0"},
    {BO::MAXIMUM, 1, "1.14.0 1.14.0 2.3.0 2.3.0"},
    {BO::MINIMUM, 1, "1.14.0 1.14.0 2.3.0 2.3.0"},
    {BO::MUL, 1, "1.5.0 1.14.0 1.15.0 2.3.0 2.6.0 2.11.0 2.13.0"},
    {BO::NON_MAX_SUPPRESSION_V4, 1, "2.1.0"},
    {BO::NON_MAX_SUPPRESSION_V5, 1, "2.1.0"},
    {BO::PAD, 1, "1.5.0 1.14.0 2.4.0 2.6.0 2.20.0"},
    {BO::TILE, 1, "1.10.1 2.2.0 2.8.0"},
    {BO::PADV2, 1, "1.9.0 1.14.0 2.4.0 2.6.0 2.20.0"},
    {BO::RESHAPE, 1, "1.5.0"},
    {BO::SOFTMAX, 1, "1.5.0 1.14.0 2.3.0"},
    {BO::SPACE_TO_DEPTH, 1, "1.5.0 1.14.0"},
    {BO::TRANSPOSE, 1, "1.6.0 1.14.0 1.15.0 2.3.0 2.4.0 2.12.0 2.14.4"},
    {BO::LSTM, 1, "1.7.0 1.10.0 1.14.0 2.3.0"},
    {BO::UNIDIRECTIONAL_SEQUENCE_LSTM, 1, "1.13.1 1.14.0 2.3.0 2.12.0"},
    {BO::BIDIRECTIONAL_SEQUENCE_LSTM, 1, "1.14.0 1.14.0 1.14.0"},
    {BO::BIDIRECTIONAL_SEQUENCE_RNN, 1, "1.14.0 1.14.0 2.3.0"},
    {BO::MEAN, 1, "1.6.0 1.14.0 2.4.0"},
    {BO::SUM, 1, "1.10.0 1.15.0"},
    {BO::REDUCE_MAX, 1, "1.11.0 1.14.0 2.5.0"},
    {BO::REDUCE_MIN, 1, "1.11.0 1.14.0 2.5.0"},
    {BO::REDUCE_PROD, 1, "1.11.0 2.6.0"},
    {BO::REDUCE_ANY, 1, "1.11.0"},
    {BO::RELU6, 1, "1.5.0 1.14.0 2.5.0"},
    {BO::RESIZE_BILINEAR, 1, "1.7.0 1.14.0 2.2.0 2.5.0"},
    {BO::RESIZE_NEAREST_NEIGHBOR, 1, "1.13.1 1.14.0 2.3.0 2.4.0"},
    {BO::RNN, 1, "1.5.0 1.14.0 2.3.0"},
    {BO::SKIP_GRAM, 1, "1.5.0"},
    {BO::SQUEEZE, 1, "1.6.0 2.5.0"},
    {BO::SPLIT, 1, "1.5.0 1.14.0 1.14.0 2.3.0"},
    {BO::SPLIT_V, 1, "1.13.1 2.3.0"},
    {BO::STRIDED_SLICE, 1, "1.6.0 1.14.0 2.1.0 2.2.0 2.5.0 2.6.0 2.14.0 2.14.0"},
    {BO::TOPK_V2, 1, "1.7.0 1.14.0 2.13.0"},
    {BO::ARG_MAX, 1, "1.9.0 1.14.0 2.9.0"},
    {BO::ARG_MIN, 1, "1.9.0 1.14.0 2.9.0"},
    {BO::TRANSPOSE_CONV, 1, "1.9.0 2.2.0 2.3.0 2.13.0 2.15.0"},
    {BO::SPARSE_TO_DENSE, 1, "1.9.0 1.14.0 1.15.0"},
    {BO::EXPAND_DIMS, 1, "1.10.0"},
    {BO::PACK, 1, "1.11.0 1.14.0 2.3.0 2.13.0"},
    {BO::SHAPE, 1, "1.10.0"},
    {BO::SLICE, 1, "1.14.0 1.14.0 1.14.0 2.4.0 2.5.0 2.14.0 2.21.0"},
    {BO::TANH, 1, "1.14.0 1.14.0 2.3.0"},
    {BO::ONE_HOT, 1, "1.11.0"},
    {BO::UNPACK, 1, "1.11.0 1.14.0 2.2.0 2.3.0"},
    {BO::LEAKY_RELU, 1, "1.13.1 2.3.0"},
    {BO::LOGISTIC, 1, "1.14.0 1.14.0 2.3.0"},
    {BO::LOG_SOFTMAX, 1, "1.14.0 1.14.0"},
    {BO::LSH_PROJECTION, 1, "1.5.0"},
    {BO::SQUARED_DIFFERENCE, 1, "1.13.1 2.5.0"},
    {BO::MIRROR_PAD, 1, "1.13.1 2.3.0 2.12.0"},
    {BO::UNIQUE, 1, "1.14.0"},
    {BO::UNIDIRECTIONAL_SEQUENCE_RNN, 1, "1.14.0 1.14.0 2.3.0"},
    {BO::WHERE, 1, "1.14.0 2.8.0"},
    {BO::DEQUANTIZE, 1, "1.13.1 1.14.0 1.15.0 2.2.0 2.7.0 2.18.0 2.21.0 2.22.0"},
    {BO::REVERSE_SEQUENCE, 1, "1.14.0"},
    {BO::EQUAL, 1, "1.14.0 1.14.0 2.3.0 2.13.0 2.21.0"},
    {BO::NOT_EQUAL, 1, "1.14.0 1.14.0 2.3.0 2.21.0"},
    {BO::GREATER, 1, "1.14.0 1.14.0"},
    {BO::GREATER_EQUAL, 1, "1.14.0 1.14.0 2.13.0"},
    {BO::LESS, 1, "1.14.0 1.14.0 2.13.0"},
    {BO::LESS_EQUAL, 1, "1.14.0 1.14.0"},
    {BO::SCATTER_ND, 1, "2.1.0"},
    {BO::SEGMENT_SUM, 1, "2.2.0"},
    {BO::SELECT, 1, "1.14.0 1.14.0 2.12.0 2.12.0"},
    {BO::SELECT_V2, 1, "2.2.0 2.12.0"},
    {BO::IF, 1, "1.15.0"},
    {BO::FLOOR_DIV, 1, "1.14.0 1.14.0 2.13.0"},
    {BO::FLOOR, 1, "1.9.0"},
    {BO::CEIL, 1, "1.14.0"},
    {BO::MATRIX_DIAG, 1, "1.14.0"},
    {BO::MATRIX_SET_DIAG, 1, "1.14.0"},
    {BO::ELU, 1, "1.14.0"},
    {BO::QUANTIZE, 1, "1.14.0 1.15.0 2.7.0 2.21.0 2.21.0 2.21.0"},
    {BO::ROUND, 1, "1.14.0"},
    {BO::RELU, 1, "1.5.0 2.1.0 2.5.0"},
    {BO::RELU_N1_TO_1, 1, "1.5.0"},
    {BO::RELU_0_TO_1, 1, "2.10.0"},
    {BO::PRELU, 1, "1.8.0"},
    {BO::EXP, 1, "1.7.0 2.12.0"},
    {BO::COS, 1, "1.14.0"},
    {BO::NEG, 1, "1.9.0"},
    {BO::POW, 1, "1.10.0"},
    {BO::LOGICAL_OR, 1, "1.11.0"},
    {BO::LOGICAL_AND, 1, "1.11.0"},
    {BO::LOGICAL_NOT, 1, "1.11.0"},
    {BO::FLOOR_MOD, 1, "1.13.0 2.13.0"},
    {BO::RANGE, 1, "1.13.0 2.14.0"},
    {BO::SIN, 1, "1.9.0"},
    {BO::LOG, 1, "1.14.0 2.15.0"},
    {BO::SQRT, 1, "1.10.0 2.21.0"},
    {BO::RSQRT, 1, "1.10.0 2.5.0 2.15.0"},
    {BO::SQUARE, 1, "1.12.0"},
    {BO::ZEROS_LIKE, 1, "1.12.0"},
    {BO::ABS, 1, "1.13.0 2.4.0 2.5.0 2.6.0 2.12.0"},
    {BO::HARD_SWISH, 1, "1.15.0"},
    {BO::FILL, 1, "1.13.0 2.3.0 2.5.0 2.12.0"},
    {BO::REVERSE_V2, 1, "1.14.0 2.2.0 2.5.0"},
    {BO::RANK, 1, "1.14.0"},
    {BO::WHILE, 1, "1.15.0"},
    {BO::CUMSUM, 1, "2.4.0"},
    {BO::CALL_ONCE, 1, "2.5.0"},
    {BO::RFFT2D, 1, "2.5.0"},
    {BO::CONV_3D, 1, "2.5.0"},
    {BO::IMAG, 1, "2.5.0"},
    {BO::REAL, 1, "2.5.0"},
    {BO::COMPLEX_ABS, 1, "2.5.0"},
    {BO::HASHTABLE, 1, "2.5.0"},
    {BO::HASHTABLE_FIND, 1, "2.5.0"},
    {BO::HASHTABLE_IMPORT, 1, "2.5.0"},
    {BO::HASHTABLE_SIZE, 1, "2.5.0"},
    {BO::REDUCE_ALL, 1, "2.6.0"},
    {BO::CONV_3D_TRANSPOSE, 1, "2.6.0"},
    {BO::VAR_HANDLE, 1, "2.6.0"},
    {BO::READ_VARIABLE, 1, "2.6.0"},
    {BO::ASSIGN_VARIABLE, 1, "2.6.0"},
    {BO::BROADCAST_ARGS, 1, "2.6.0"},
    {BO::RANDOM_STANDARD_NORMAL, 1, "2.8.0"},
    {BO::BUCKETIZE, 1, "2.8.0"},
    {BO::RANDOM_UNIFORM, 1, "2.8.0"},
    {BO::MULTINOMIAL, 1, "2.8.0"},
    {BO::GELU, 1, "2.9.0 2.9.0"},
    {BO::DYNAMIC_UPDATE_SLICE, 1, "2.9.0 2.17.0 2.19.0 2.20.0 2.21.0"},
    {BO::UNSORTED_SEGMENT_PROD, 1, "2.10.0"},
    {BO::UNSORTED_SEGMENT_MAX, 1, "2.10.0"},
    {BO::UNSORTED_SEGMENT_MIN, 1, "2.11.0"},
    {BO::UNSORTED_SEGMENT_SUM, 1, "2.10.0"},
    {BO::ATAN2, 1, "2.10.0"},
    {BO::SIGN, 1, "2.11.0 2.12.0"},
    {BO::BITCAST, 1, "2.13.0"},
    {BO::BITWISE_XOR, 1, "2.13.0"},
    {BO::RIGHT_SHIFT, 1, "2.13.0"},
    {BO::STABLEHLO_SCATTER, 1, "2.15.0"},
    {BO::DILATE, 1, "2.15.0"},
    {BO::STABLEHLO_RNG_BIT_GENERATOR, 1, "2.15.0"},
    {BO::REDUCE_WINDOW, 1, "2.15.0"},
    {BO::STABLEHLO_GATHER, 1, "2.16.0"},
    {BO::STABLEHLO_ADD, 1, "2.16.0"},
    {BO::STABLEHLO_MULTIPLY, 1, "2.16.0"},
    {BO::STABLEHLO_REDUCE_WINDOW, 1, "2.16.0"},
    {BO::STABLEHLO_MAXIMUM, 1, "2.16.0"},
    {BO::STABLEHLO_MINIMUM, 1, "2.16.0"},
    {BO::STABLEHLO_PAD, 1, "2.16.0"},
    {BO::STABLEHLO_COMPOSITE, 1, "2.17.0"},
    {BO::STABLEHLO_AND, 1, "2.17.0"},
    {BO::STABLEHLO_SHIFT_LEFT, 1, "2.17.0"},
    {BO::STABLEHLO_CBRT, 1, "2.17.0"},
    {BO::STABLEHLO_CASE, 1, "2.17.0"},
};

using RuntimeTable = std::map<std::pair<BO, int32_t>, std::string>;

const RuntimeTable& runtime_table() {
  static const RuntimeTable table = [] {
    RuntimeTable t;
    for (const RuntimeRow& row : kRuntimeRows) {
      int32_t version = row.first;
      std::string_view rest = row.releases;
      while (!rest.empty()) {
        const size_t space = rest.find(' ');
        t.emplace(std::make_pair(row.op, version++), std::string(rest.substr(0, space)));
        rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
      }
    }
    return t;
  }();
  return table;
}

// "1.14.0" -> {"1", "14", "0"}; "" -> {""} (n dots give n + 1 parts).
std::vector<std::string_view> dot_parts(std::string_view s) {
  std::vector<std::string_view> parts;
  while (true) {
    const size_t dot = s.find('.');
    parts.push_back(s.substr(0, dot));
    if (dot == std::string_view::npos) return parts;
    s.remove_prefix(dot + 1);
  }
}

std::optional<int64_t> as_number(std::string_view part) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
  if (part.empty() || error != std::errc() || end != part.data() + part.size()) return std::nullopt;
  return value;
}

}  // namespace

int32_t required_op_version(const ir::Op& op, const ir::Subgraph& graph) {
  if (!op.is_custom()) {
    if (const std::optional<int32_t> v = rule_version(op, graph)) return *v;
  }
  return std::max(op.version, int32_t{1});
}

int32_t written_op_version(const ir::Op& op, const ir::Subgraph& graph) {
  return std::max({op.version, required_op_version(op, graph), int32_t{1}});
}

std::string min_runtime_version_for_op(tflite::BuiltinOperator op, int32_t version) {
  const RuntimeTable& table = runtime_table();
  const auto it = table.find({op, version});
  return it == table.end() ? std::string() : it->second;
}

bool runtime_version_less(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> pa = dot_parts(a), pb = dot_parts(b);
  size_t i = 0;
  for (; i < pa.size() && i < pb.size(); ++i) {
    const std::optional<int64_t> x = as_number(pa[i]), y = as_number(pb[i]);
    if (x && y && *x != *y) return *x < *y;
  }
  return i < pb.size();
}

std::string min_runtime_version(const ir::Model& model) {
  std::string result;
  for (const ir::Subgraph& graph : model.subgraphs) {
    for (const ir::Op& op : graph.ops) {
      if (op.is_custom()) continue;
      const std::string needed =
          min_runtime_version_for_op(op.builtin, written_op_version(op, graph));
      if (!needed.empty() && runtime_version_less(result, needed)) result = needed;
    }
  }
  return result;
}

std::vector<uint8_t> min_runtime_version_metadata(const std::string& version) {
  std::vector<uint8_t> bytes(kMinRuntimeVersionBytes, 0);
  if (version.size() < kMinRuntimeVersionBytes)
    std::copy(version.begin(), version.end(), bytes.begin());
  return bytes;
}

}  // namespace lq::io
