#include "io/op_version.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/error.h"

namespace lq::io {
namespace {

using BO = tflite::BuiltinOperator;
using ET = ElementType;

// One subgraph to hang hand-built ops on; version() gives the version of an op without adding it.
class Graph {
 public:
  int tensor(ET type, Shape shape = {1, 8, 8, 4}) {
    ir::Tensor& t = g_.tensors.emplace_back();
    t.name = cat("t", g_.tensors.size() - 1);
    t.type = type;
    t.shape = std::move(shape);
    return static_cast<int>(g_.tensors.size() - 1);
  }
  // A quantized tensor with `scales` along `axis` (zero points all 0).
  int quantized(ET type, Shape shape, std::vector<float> scales, int32_t axis = 0) {
    const int index = tensor(type, std::move(shape));
    ir::Tensor& t = g_.tensors[static_cast<size_t>(index)];
    t.quant.zero_point.assign(scales.size(), 0);
    t.quant.scale = std::move(scales);
    t.quant.axis = axis;
    return index;
  }
  ir::Tensor& at(int index) { return g_.tensors[static_cast<size_t>(index)]; }

  template <class Options = std::nullptr_t>
  static ir::Op make(BO code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                     Options options = nullptr) {
    ir::Op op;
    op.builtin = code;
    op.inputs = std::move(inputs);
    op.outputs = std::move(outputs);
    if constexpr (!std::is_same_v<Options, std::nullptr_t>) op.options.Set(std::move(options));
    return op;
  }
  template <class Options = std::nullptr_t>
  int32_t version(BO code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                  Options options = nullptr) const {
    const ir::Op op = make(code, std::move(inputs), std::move(outputs), std::move(options));
    return required_op_version(op, g_);
  }
  // Version of a unary op whose input and output both have `type` and `shape`.
  int32_t unary(BO code, ET type, Shape shape = {1, 8, 8, 4}) {
    const int x = tensor(type, shape), y = tensor(type, shape);
    return version(code, {x}, {y});
  }

  const ir::Subgraph& graph() const { return g_; }

 private:
  ir::Subgraph g_;
};

tflite::Conv2DOptionsT conv_options() {
  tflite::Conv2DOptionsT o;
  o.stride_w = o.stride_h = 1;
  return o;
}

// ---------------------------------------------------------------------------------------------
// CONV_2D

TEST(OpVersionConv2D, FloatIsOne) {
  Graph g;
  const int x = g.tensor(ET::kFloat32), w = g.tensor(ET::kFloat32, {8, 3, 3, 4});
  const int b = g.tensor(ET::kFloat32, {8}), y = g.tensor(ET::kFloat32, {1, 8, 8, 8});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, b}, {y}, conv_options()), 1);
}

TEST(OpVersionConv2D, DilationDoesNotRaiseConv2D) {
  Graph g;
  const int x = g.tensor(ET::kFloat32), w = g.tensor(ET::kFloat32, {8, 3, 3, 4});
  const int y = g.tensor(ET::kFloat32, {1, 8, 8, 8});
  tflite::Conv2DOptionsT o = conv_options();
  o.dilation_w_factor = o.dilation_h_factor = 2;
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, -1}, {y}, o), 1);
}

TEST(OpVersionConv2D, Int8PerChannelIsThree) {
  Graph g;
  const int x = g.quantized(ET::kInt8, {1, 8, 8, 4}, {0.5f});
  const int w = g.quantized(ET::kInt8, {3, 3, 3, 4}, {0.1f, 0.2f, 0.3f});
  const int b = g.quantized(ET::kInt32, {3}, {0.05f, 0.1f, 0.15f});
  const int y = g.quantized(ET::kInt8, {1, 8, 8, 3}, {0.25f});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, b}, {y}, conv_options()), 3);
}

TEST(OpVersionConv2D, HybridIsTwoOrFivePerChannel) {
  Graph g;
  const int x = g.tensor(ET::kFloat32), y = g.tensor(ET::kFloat32, {1, 8, 8, 3});
  const int per_tensor = g.quantized(ET::kInt8, {3, 3, 3, 4}, {0.1f});
  const int per_channel = g.quantized(ET::kInt8, {3, 3, 3, 4}, {0.1f, 0.2f, 0.3f});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, per_tensor, -1}, {y}, conv_options()), 2);
  EXPECT_EQ(g.version(BO::CONV_2D, {x, per_channel, -1}, {y}, conv_options()), 5);
}

TEST(OpVersionConv2D, GroupedConvolutionIsSix) {
  Graph g;
  const int x = g.tensor(ET::kFloat32, {1, 8, 8, 8});
  const int w = g.tensor(ET::kFloat32, {4, 3, 3, 4});  // two groups of 4 input channels
  const int y = g.tensor(ET::kFloat32, {1, 8, 8, 4});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, -1}, {y}, conv_options()), 6);
}

TEST(OpVersionConv2D, Int4FilterIsSeven) {
  Graph g;
  const int x = g.quantized(ET::kInt8, {1, 8, 8, 4}, {0.5f});
  const int w = g.quantized(ET::kInt4, {3, 3, 3, 4}, {0.1f, 0.2f, 0.3f});
  const int y = g.quantized(ET::kInt8, {1, 8, 8, 3}, {0.25f});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, -1}, {y}, conv_options()), 7);
}

TEST(OpVersionConv2D, SixteenByEightIsEightWithOptionsTable) {
  // 16x8: int16 activations, int8 weights. The converter reads quantized_bias_type (FLOAT32 by
  // default) as a runtime type, which is always "set" once the options table exists.
  Graph g;
  const int x = g.quantized(ET::kInt16, {1, 8, 8, 4}, {0.001f});
  const int w = g.quantized(ET::kInt8, {3, 3, 3, 4}, {0.1f, 0.2f, 0.3f});
  const int b = g.quantized(ET::kInt64, {3}, {1e-4f, 2e-4f, 3e-4f});
  const int y = g.quantized(ET::kInt16, {1, 8, 8, 3}, {0.002f});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, b}, {y}, conv_options()), 8);
  tflite::Conv2DOptionsT int64_bias = conv_options();
  int64_bias.quantized_bias_type = tflite::TensorType::INT64;
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, b}, {y}, int64_bias), 8);
  // Without an options table nothing raises it.
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, b}, {y}), 1);
}

TEST(OpVersionConv2D, Int16FilterIsFour) {
  Graph g;
  const int x = g.quantized(ET::kInt16, {1, 8, 8, 4}, {0.001f});
  const int w = g.quantized(ET::kInt16, {3, 3, 3, 4}, {0.1f});
  const int y = g.quantized(ET::kInt16, {1, 8, 8, 3}, {0.002f});
  EXPECT_EQ(g.version(BO::CONV_2D, {x, w, -1}, {y}, conv_options()), 4);
}

// ---------------------------------------------------------------------------------------------
// DEPTHWISE_CONV_2D

tflite::DepthwiseConv2DOptionsT dw_options(int32_t dilation = 1) {
  tflite::DepthwiseConv2DOptionsT o;
  o.stride_w = o.stride_h = 1;
  o.depth_multiplier = 1;
  o.dilation_w_factor = o.dilation_h_factor = dilation;
  return o;
}

TEST(OpVersionDepthwise, FloatIsOneAndDilatedIsTwo) {
  Graph g;
  const int x = g.tensor(ET::kFloat32), w = g.tensor(ET::kFloat32, {1, 3, 3, 4});
  const int y = g.tensor(ET::kFloat32);
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x, w, -1}, {y}, dw_options()), 1);
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x, w, -1}, {y}, dw_options(2)), 2);
  tflite::DepthwiseConv2DOptionsT only_h = dw_options();
  only_h.dilation_h_factor = 3;
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x, w, -1}, {y}, only_h), 2);
  // A missing options table reads as dilation 0, which counts as dilated.
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x, w, -1}, {y}), 2);
}

TEST(OpVersionDepthwise, QuantizedKinds) {
  Graph g;
  const int x8 = g.quantized(ET::kInt8, {1, 8, 8, 4}, {0.5f});
  const int y8 = g.quantized(ET::kInt8, {1, 8, 8, 4}, {0.5f});
  const int w8 = g.quantized(ET::kInt8, {1, 3, 3, 4}, {0.1f, 0.2f, 0.3f, 0.4f}, 3);
  const int w4 = g.quantized(ET::kInt4, {1, 3, 3, 4}, {0.1f, 0.2f, 0.3f, 0.4f}, 3);
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x8, w8, -1}, {y8}, dw_options(2)), 3);
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x8, w4, -1}, {y8}, dw_options()), 7);

  const int xf = g.tensor(ET::kFloat32), yf = g.tensor(ET::kFloat32);
  const int w_tensor = g.quantized(ET::kInt8, {1, 3, 3, 4}, {0.1f});
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {xf, w_tensor, -1}, {yf}, dw_options()), 4);
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {xf, w8, -1}, {yf}, dw_options()), 6);

  const int x16 = g.quantized(ET::kInt16, {1, 8, 8, 4}, {0.001f});
  const int y16 = g.quantized(ET::kInt16, {1, 8, 8, 4}, {0.001f});
  const int w16 = g.quantized(ET::kInt16, {1, 3, 3, 4}, {0.1f});
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x16, w16, -1}, {y16}, dw_options()), 5);
  // 16x8 (int8 filter) has no rule of its own: only dilation counts.
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x16, w8, -1}, {y16}, dw_options()), 1);
}

// ---------------------------------------------------------------------------------------------
// FULLY_CONNECTED

TEST(OpVersionFullyConnected, FloatAndWeightFormats) {
  Graph g;
  const int x = g.tensor(ET::kFloat32, {2, 16}), w = g.tensor(ET::kFloat32, {8, 16});
  const int b = g.tensor(ET::kFloat32, {8}), y = g.tensor(ET::kFloat32, {2, 8});
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, b}, {y}, tflite::FullyConnectedOptionsT{}), 1);
  // An absent bias (-1) still fills the third slot.
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, -1}, {y}, tflite::FullyConnectedOptionsT{}), 1);
  // Only two inputs listed -> 6.
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w}, {y}, tflite::FullyConnectedOptionsT{}), 6);
  tflite::FullyConnectedOptionsT keep;
  keep.keep_num_dims = true;
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, b}, {y}, keep), 5);
  tflite::FullyConnectedOptionsT shuffled;
  shuffled.weights_format = tflite::FullyConnectedOptionsWeightsFormat::SHUFFLED4x16INT8;
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, b}, {y}, shuffled), 2);
}

TEST(OpVersionFullyConnected, HybridAsymmetricAndPerChannel) {
  Graph g;
  const int x = g.tensor(ET::kFloat32, {2, 16}), y = g.tensor(ET::kFloat32, {2, 8});
  const int b = g.tensor(ET::kFloat32, {8});
  const int w = g.quantized(ET::kInt8, {8, 16}, {0.1f});
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, b}, {y}, tflite::FullyConnectedOptionsT{}), 3);
  tflite::FullyConnectedOptionsT asymmetric;
  asymmetric.asymmetric_quantize_inputs = true;
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, b}, {y}, asymmetric), 9);
  const int w_rows = g.quantized(ET::kInt8, {8, 16}, std::vector<float>(8, 0.1f));
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w_rows, b}, {y}, asymmetric), 12);
}

TEST(OpVersionFullyConnected, IntegerKinds) {
  Graph g;
  const int x8 = g.quantized(ET::kInt8, {2, 16}, {0.5f});
  const int y8 = g.quantized(ET::kInt8, {2, 8}, {0.5f});
  const int w8 = g.quantized(ET::kInt8, {8, 16}, {0.1f});
  const int w4 = g.quantized(ET::kInt4, {8, 16}, {0.1f});
  const int b32 = g.quantized(ET::kInt32, {8}, {0.05f});
  const tflite::FullyConnectedOptionsT plain;
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x8, w8, b32}, {y8}, plain), 4);
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x8, w8, -1}, {y8}, plain), 4);
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x8, w4, b32}, {y8}, plain), 10);

  const int x16 = g.quantized(ET::kInt16, {2, 16}, {0.001f});
  const int y16 = g.quantized(ET::kInt16, {2, 8}, {0.001f});
  const int w16 = g.quantized(ET::kInt16, {8, 16}, {0.1f});
  const int b64 = g.quantized(ET::kInt64, {8}, {1e-4f});
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x16, w16, -1}, {y16}, plain), 7);
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x16, w8, b64}, {y16}, plain), 11);  // 16x8
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x16, w8, b64}, {y16}), 1);  // no options table
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x16, w4, b64}, {y16}, plain), 13);
}

TEST(OpVersionFullyConnected, SparseWeightsIsEight) {
  Graph g;
  const int x = g.quantized(ET::kInt8, {2, 16}, {0.5f});
  const int y = g.quantized(ET::kInt8, {2, 8}, {0.5f});
  const int w = g.quantized(ET::kInt8, {8, 16}, {0.1f});
  g.at(w).sparsity.emplace();
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x, w, -1}, {y}, tflite::FullyConnectedOptionsT{}), 8);
}

// ---------------------------------------------------------------------------------------------
// TRANSPOSE_CONV (inputs: output shape, weights, input, bias)

TEST(OpVersionTransposeConv, BiasActivationAndInt8) {
  Graph g;
  const int shape = g.tensor(ET::kInt32, {4});
  const int w = g.tensor(ET::kFloat32, {4, 3, 3, 4}), x = g.tensor(ET::kFloat32);
  const int b = g.tensor(ET::kFloat32, {4}), y = g.tensor(ET::kFloat32, {1, 16, 16, 4});
  const tflite::TransposeConvOptionsT plain;
  EXPECT_EQ(g.version(BO::TRANSPOSE_CONV, {shape, w, x}, {y}, plain), 1);
  EXPECT_EQ(g.version(BO::TRANSPOSE_CONV, {shape, w, x, -1}, {y}, plain), 1);
  EXPECT_EQ(g.version(BO::TRANSPOSE_CONV, {shape, w, x, b}, {y}, plain), 3);
  tflite::TransposeConvOptionsT relu;
  relu.fused_activation_function = tflite::ActivationFunctionType::RELU;
  EXPECT_EQ(g.version(BO::TRANSPOSE_CONV, {shape, w, x}, {y}, relu), 4);

  const int w8 = g.quantized(ET::kInt8, {4, 3, 3, 4}, {0.1f});
  const int x8 = g.quantized(ET::kInt8, {1, 8, 8, 4}, {0.5f});
  const int y8 = g.quantized(ET::kInt8, {1, 16, 16, 4}, {0.5f});
  EXPECT_EQ(g.version(BO::TRANSPOSE_CONV, {shape, w8, x8}, {y8}, plain), 2);
}

// ---------------------------------------------------------------------------------------------
// ADD, SUB, MUL, DIV

TEST(OpVersionAdd, TypesAndScaling) {
  Graph g;
  EXPECT_EQ(g.unary(BO::ADD, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::ADD, ET::kInt32), 1);
  EXPECT_EQ(g.unary(BO::ADD, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::ADD, ET::kInt64), 4);
  EXPECT_EQ(g.unary(BO::ADD, ET::kInt16), 5);  // plain integer int16 add

  const int a = g.quantized(ET::kInt16, {4}, {0.001f}), b = g.quantized(ET::kInt16, {4}, {0.002f});
  const int y = g.quantized(ET::kInt16, {4}, {0.003f});
  tflite::AddOptionsT general;
  general.pot_scale_int16 = false;
  EXPECT_EQ(g.version(BO::ADD, {a, b}, {y}, general), 3);
  EXPECT_EQ(g.version(BO::ADD, {a, b}, {y}, tflite::AddOptionsT{}), 1);  // power-of-two scales
  EXPECT_EQ(g.version(BO::ADD, {a, b}, {y}), 3);  // no table: pot_scale_int16 reads false
}

TEST(OpVersionSub, TypesBroadcastAndScaling) {
  Graph g;
  EXPECT_EQ(g.unary(BO::SUB, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::SUB, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::SUB, ET::kInt64), 4);

  const int a5 = g.tensor(ET::kFloat32, {2, 1, 3, 4, 5}), b5 = g.tensor(ET::kFloat32, {5});
  const int c5 = g.tensor(ET::kFloat32, {2, 1, 3, 4, 5});
  const int y5 = g.tensor(ET::kFloat32, {2, 1, 3, 4, 5});
  EXPECT_EQ(g.version(BO::SUB, {a5, b5}, {y5}), 3);
  EXPECT_EQ(g.version(BO::SUB, {a5, c5}, {y5}), 1);  // rank 5 but no broadcast

  const int a = g.quantized(ET::kInt16, {4}, {0.001f}), y = g.quantized(ET::kInt16, {4}, {0.001f});
  tflite::SubOptionsT general;
  general.pot_scale_int16 = false;
  EXPECT_EQ(g.version(BO::SUB, {a, a}, {y}, general), 5);
  EXPECT_EQ(g.version(BO::SUB, {a, a}, {y}, tflite::SubOptionsT{}), 1);
}

TEST(OpVersionMul, TypesAndRescale) {
  Graph g;
  EXPECT_EQ(g.unary(BO::MUL, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::MUL, ET::kInt64), 5);
  EXPECT_EQ(g.unary(BO::MUL, ET::kComplex64), 6);
  EXPECT_EQ(g.unary(BO::MUL, ET::kUInt32), 7);
  EXPECT_EQ(g.unary(BO::MUL, ET::kInt16), 7);  // plain integer int16 mul

  const int a16 = g.quantized(ET::kInt16, {4}, {0.001f});
  const int y16 = g.quantized(ET::kInt16, {4}, {0.1f});
  EXPECT_EQ(g.version(BO::MUL, {a16, a16}, {y16}), 4);

  // int8: input1_scale * input2_scale / output_scale below 1 -> 2, at least 1 -> 3.
  const int a = g.quantized(ET::kInt8, {4}, {0.5f}), b = g.quantized(ET::kInt8, {4}, {0.5f});
  const int small = g.quantized(ET::kInt8, {4}, {0.5f});
  const int large = g.quantized(ET::kInt8, {4}, {0.25f});
  EXPECT_EQ(g.version(BO::MUL, {a, b}, {small}), 2);
  EXPECT_EQ(g.version(BO::MUL, {a, b}, {large}), 3);
}

TEST(OpVersionDiv, BroadcastBeyondRank4IsTwo) {
  Graph g;
  EXPECT_EQ(g.unary(BO::DIV, ET::kFloat32), 1);
  const int a = g.tensor(ET::kFloat32, {2, 1, 3, 4, 5}), b = g.tensor(ET::kFloat32, {1, 5});
  const int y = g.tensor(ET::kFloat32, {2, 1, 3, 4, 5});
  EXPECT_EQ(g.version(BO::DIV, {a, b}, {y}), 2);
  const int a4 = g.tensor(ET::kFloat32, {2, 3, 4, 5}), b4 = g.tensor(ET::kFloat32, {5});
  EXPECT_EQ(g.version(BO::DIV, {a4, b4}, {a4}), 1);
}

// ---------------------------------------------------------------------------------------------
// Activations

TEST(OpVersionActivations, ReluFamily) {
  Graph g;
  EXPECT_EQ(g.unary(BO::RELU, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::RELU, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::RELU, ET::kUInt8), 2);
  EXPECT_EQ(g.unary(BO::RELU, ET::kInt16), 3);
  EXPECT_EQ(g.unary(BO::RELU6, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::RELU6, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::RELU6, ET::kUInt8), 1);
  EXPECT_EQ(g.unary(BO::RELU6, ET::kInt16), 3);
  EXPECT_EQ(g.unary(BO::RELU_N1_TO_1, ET::kInt8), 1);
  EXPECT_EQ(g.unary(BO::LEAKY_RELU, ET::kInt8), 1);
  EXPECT_EQ(g.unary(BO::LEAKY_RELU, ET::kInt16), 2);
  EXPECT_EQ(g.unary(BO::HARD_SWISH, ET::kInt8), 1);
  const int x = g.tensor(ET::kInt8), alpha = g.tensor(ET::kInt8, {4}), y = g.tensor(ET::kInt8);
  EXPECT_EQ(g.version(BO::PRELU, {x, alpha}, {y}), 1);
}

TEST(OpVersionActivations, LogisticAndTanhNeedInt16OnBothSides) {
  Graph g;
  for (BO code : {BO::LOGISTIC, BO::TANH}) {
    EXPECT_EQ(g.unary(code, ET::kFloat32), 1);
    EXPECT_EQ(g.unary(code, ET::kInt8), 2);
    EXPECT_EQ(g.unary(code, ET::kInt16), 3);
    const int x = g.tensor(ET::kInt16), y = g.tensor(ET::kFloat32);
    EXPECT_EQ(g.version(code, {x}, {y}), 1);
  }
}

TEST(OpVersionPooling, Int8AndInt16) {
  Graph g;
  for (BO code : {BO::AVERAGE_POOL_2D, BO::MAX_POOL_2D}) {
    const tflite::Pool2DOptionsT o;
    const int xf = g.tensor(ET::kFloat32), yf = g.tensor(ET::kFloat32);
    const int x8 = g.tensor(ET::kInt8), y8 = g.tensor(ET::kInt8);
    const int x16 = g.tensor(ET::kInt16), y16 = g.tensor(ET::kInt16);
    EXPECT_EQ(g.version(code, {xf}, {yf}, o), 1);
    EXPECT_EQ(g.version(code, {x8}, {y8}, o), 2);
    EXPECT_EQ(g.version(code, {x16}, {y16}, o), 3);
  }
}

// ---------------------------------------------------------------------------------------------
// Reductions, shapes, data movement

TEST(OpVersionReductions, MeanSumReduceMax) {
  Graph g;
  for (BO code : {BO::MEAN, BO::REDUCE_MAX}) {
    const int axes = g.tensor(ET::kInt32, {1});
    for (auto [type, expected] : {std::pair{ET::kFloat32, 1}, {ET::kInt8, 2}, {ET::kInt16, 3}}) {
      const int x = g.tensor(type), y = g.tensor(type, {1, 1, 1, 4});
      EXPECT_EQ(g.version(code, {x, axes}, {y}), expected);
    }
  }
  const int axes = g.tensor(ET::kInt32, {1});
  const int x8 = g.tensor(ET::kInt8), x16 = g.tensor(ET::kInt16);
  EXPECT_EQ(g.version(BO::SUM, {x8, axes}, {x8}), 2);
  EXPECT_EQ(g.version(BO::SUM, {x16, axes}, {x16}), 1);  // SUM has no int16 step
}

TEST(OpVersionShapes, ReshapeSqueezeExpandDims) {
  Graph g;
  const int shape = g.tensor(ET::kInt32, {2});
  const int x = g.tensor(ET::kInt8), y = g.tensor(ET::kInt8, {8, 32});
  EXPECT_EQ(g.version(BO::RESHAPE, {x, shape}, {y}), 1);
  EXPECT_EQ(g.version(BO::EXPAND_DIMS, {x, shape}, {y}), 1);
  EXPECT_EQ(g.unary(BO::SQUEEZE, ET::kInt8), 1);
  EXPECT_EQ(g.unary(BO::SQUEEZE, ET::kString), 2);
}

TEST(OpVersionShapes, TransposeTypesAndRank) {
  Graph g;
  const int perm = g.tensor(ET::kInt32, {4});
  auto transpose = [&](ET type, Shape shape) {
    const int x = g.tensor(type, shape), y = g.tensor(type, shape);
    return g.version(BO::TRANSPOSE, {x, perm}, {y});
  };
  EXPECT_EQ(transpose(ET::kFloat32, {1, 2, 3, 4}), 1);
  EXPECT_EQ(transpose(ET::kInt8, {1, 2, 3, 4}), 2);
  EXPECT_EQ(transpose(ET::kBool, {1, 2, 3, 4}), 3);
  EXPECT_EQ(transpose(ET::kFloat32, {1, 2, 3, 4, 5}), 4);
  EXPECT_EQ(transpose(ET::kInt16, {1, 2, 3, 4}), 5);
  EXPECT_EQ(transpose(ET::kFloat32, {1, 2, 3, 4, 5, 6}), 6);
  EXPECT_EQ(transpose(ET::kInt4, {1, 2, 3, 4}), 7);
}

TEST(OpVersionDataMovement, ConcatenationFollowsFirstInput) {
  Graph g;
  for (auto [type, expected] :
       {std::pair{ET::kFloat32, 1}, {ET::kInt8, 2}, {ET::kInt16, 3}, {ET::kUInt32, 4}}) {
    const int a = g.tensor(type), b = g.tensor(type), y = g.tensor(type, {1, 8, 8, 8});
    tflite::ConcatenationOptionsT o;
    o.axis = 3;
    EXPECT_EQ(g.version(BO::CONCATENATION, {a, b}, {y}, o), expected);
  }
}

TEST(OpVersionDataMovement, PadAndPadV2) {
  Graph g;
  const int pads = g.tensor(ET::kInt32, {4, 2});
  for (BO code : {BO::PAD, BO::PADV2}) {
    auto pad = [&](ET type, Shape shape) {
      const int x = g.tensor(type, shape), y = g.tensor(type, shape);
      return g.version(code, {x, pads}, {y});
    };
    EXPECT_EQ(pad(ET::kFloat32, {1, 8, 8, 4}), 1);
    EXPECT_EQ(pad(ET::kInt8, {1, 8, 8, 4}), 2);
    EXPECT_EQ(pad(ET::kInt16, {1, 8, 8, 4}), 3);
    EXPECT_EQ(pad(ET::kInt8, {1, 2, 8, 8, 4}), 4);
    EXPECT_EQ(pad(ET::kBool, {1, 8, 8, 4}), 5);
  }
}

TEST(OpVersionDataMovement, StridedSlice) {
  Graph g;
  const int begin = g.tensor(ET::kInt32, {4}), end = g.tensor(ET::kInt32, {4});
  const int strides = g.tensor(ET::kInt32, {4});
  auto slice = [&](ET type, Shape shape, tflite::StridedSliceOptionsT o) {
    const int x = g.tensor(type, shape), y = g.tensor(type, shape);
    return g.version(BO::STRIDED_SLICE, {x, begin, end, strides}, {y}, std::move(o));
  };
  const tflite::StridedSliceOptionsT plain;
  EXPECT_EQ(slice(ET::kFloat32, {1, 8, 8, 4}, plain), 1);
  EXPECT_EQ(slice(ET::kInt8, {1, 8, 8, 4}, plain), 2);
  EXPECT_EQ(slice(ET::kBool, {1, 8, 8, 4}, plain), 3);
  EXPECT_EQ(slice(ET::kInt8, {1, 2, 8, 8, 4}, plain), 4);
  EXPECT_EQ(slice(ET::kString, {1, 8, 8, 4}, plain), 5);
  tflite::StridedSliceOptionsT new_axis;
  new_axis.new_axis_mask = 2;
  EXPECT_EQ(slice(ET::kInt8, {1, 8, 8, 4}, new_axis), 6);
  tflite::StridedSliceOptionsT ellipsis;
  ellipsis.ellipsis_mask = 1;
  EXPECT_EQ(slice(ET::kFloat32, {1, 8, 8, 4}, ellipsis), 6);
  EXPECT_EQ(slice(ET::kUInt32, {1, 8, 8, 4}, plain), 7);
  tflite::StridedSliceOptionsT offset;
  offset.offset = true;
  EXPECT_EQ(slice(ET::kFloat32, {1, 8, 8, 4}, offset), 8);
}

TEST(OpVersionDataMovement, Slice) {
  Graph g;
  const int begin = g.tensor(ET::kInt32, {4}), size = g.tensor(ET::kInt32, {4});
  auto slice = [&](ET type, Shape shape) {
    const int x = g.tensor(type, shape), y = g.tensor(type, shape);
    return g.version(BO::SLICE, {x, begin, size}, {y});
  };
  EXPECT_EQ(slice(ET::kFloat32, {1, 8, 8, 4}), 1);
  EXPECT_EQ(slice(ET::kInt8, {1, 8, 8, 4}), 2);
  EXPECT_EQ(slice(ET::kString, {1, 8, 8, 4}), 3);
  EXPECT_EQ(slice(ET::kInt16, {1, 8, 8, 4}), 4);
  EXPECT_EQ(slice(ET::kFloat32, {1, 2, 8, 8, 4}), 5);
  EXPECT_EQ(slice(ET::kUInt32, {1, 8, 8, 4}), 6);
  EXPECT_EQ(slice(ET::kInt4, {1, 8, 8, 4}), 7);
}

TEST(OpVersionDataMovement, SplitLooksAtTheDataInput) {
  Graph g;
  const int axis = g.tensor(ET::kInt32, {});
  for (auto [type, expected] :
       {std::pair{ET::kFloat32, 1}, {ET::kInt8, 2}, {ET::kInt32, 3}, {ET::kInt16, 4}}) {
    const int x = g.tensor(type), y0 = g.tensor(type), y1 = g.tensor(type);
    EXPECT_EQ(g.version(BO::SPLIT, {axis, x}, {y0, y1}), expected);
  }
}

TEST(OpVersionDataMovement, Gather) {
  Graph g;
  const int idx32 = g.tensor(ET::kInt32, {3}), idx16 = g.tensor(ET::kInt16, {3});
  auto gather = [&](ET type, int indices, tflite::GatherOptionsT o = {}) {
    const int x = g.tensor(type, {10, 4}), y = g.tensor(type, {3, 4});
    return g.version(BO::GATHER, {x, indices}, {y}, std::move(o));
  };
  EXPECT_EQ(gather(ET::kFloat32, idx32), 1);
  EXPECT_EQ(gather(ET::kInt8, idx32), 2);
  EXPECT_EQ(gather(ET::kBool, idx32), 3);
  EXPECT_EQ(gather(ET::kInt16, idx32), 4);
  tflite::GatherOptionsT batched;
  batched.batch_dims = 1;
  EXPECT_EQ(gather(ET::kFloat32, idx32, batched), 5);
  EXPECT_EQ(gather(ET::kFloat32, idx16), 6);
  EXPECT_EQ(gather(ET::kInt4, idx32), 7);
}

TEST(OpVersionDataMovement, DepthToSpaceAndDensify) {
  Graph g;
  EXPECT_EQ(g.unary(BO::DEPTH_TO_SPACE, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::DEPTH_TO_SPACE, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::DEPTH_TO_SPACE, ET::kInt16), 1);
  EXPECT_EQ(g.unary(BO::DENSIFY, ET::kFloat32), 1);
}

// ---------------------------------------------------------------------------------------------
// Resize, softmax, batch matmul

TEST(OpVersionResize, BilinearHalfPixelCentersIsThree) {
  Graph g;
  const int size = g.tensor(ET::kInt32, {2});
  auto resize = [&](ET type, tflite::ResizeBilinearOptionsT o) {
    const int x = g.tensor(type), y = g.tensor(type, {1, 16, 16, 4});
    return g.version(BO::RESIZE_BILINEAR, {x, size}, {y}, std::move(o));
  };
  tflite::ResizeBilinearOptionsT half;
  half.half_pixel_centers = true;
  tflite::ResizeBilinearOptionsT align;
  align.align_corners = true;
  EXPECT_EQ(resize(ET::kFloat32, {}), 1);
  EXPECT_EQ(resize(ET::kFloat32, align), 1);  // align_corners does not raise bilinear
  EXPECT_EQ(resize(ET::kInt8, {}), 2);
  EXPECT_EQ(resize(ET::kFloat32, half), 3);
  EXPECT_EQ(resize(ET::kInt8, half), 3);
  EXPECT_EQ(resize(ET::kInt16, {}), 4);
}

TEST(OpVersionResize, NearestNeighborAlignCornersOrHalfPixelIsThree) {
  Graph g;
  const int size = g.tensor(ET::kInt32, {2});
  auto resize = [&](ET type, tflite::ResizeNearestNeighborOptionsT o) {
    const int x = g.tensor(type), y = g.tensor(type, {1, 16, 16, 4});
    return g.version(BO::RESIZE_NEAREST_NEIGHBOR, {x, size}, {y}, std::move(o));
  };
  tflite::ResizeNearestNeighborOptionsT half;
  half.half_pixel_centers = true;
  tflite::ResizeNearestNeighborOptionsT align;
  align.align_corners = true;
  EXPECT_EQ(resize(ET::kFloat32, {}), 1);
  EXPECT_EQ(resize(ET::kInt8, {}), 2);
  EXPECT_EQ(resize(ET::kFloat32, half), 3);
  EXPECT_EQ(resize(ET::kInt8, align), 3);
  EXPECT_EQ(resize(ET::kInt16, align), 4);
}

TEST(OpVersionSoftmax, Int8AndInt16) {
  Graph g;
  EXPECT_EQ(g.unary(BO::SOFTMAX, ET::kFloat32, {1, 10}), 1);
  EXPECT_EQ(g.unary(BO::SOFTMAX, ET::kInt8, {1, 10}), 2);
  EXPECT_EQ(g.unary(BO::SOFTMAX, ET::kInt16, {1, 10}), 3);
}

TEST(OpVersionBatchMatMul, TypesAndHybrid) {
  Graph g;
  auto bmm = [&](ET a, ET b, ET out, tflite::BatchMatMulOptionsT o = {}) {
    const int x = g.tensor(a, {2, 3, 4}), w = g.tensor(b, {2, 4, 5}), y = g.tensor(out, {2, 3, 5});
    return g.version(BO::BATCH_MATMUL, {x, w}, {y}, std::move(o));
  };
  tflite::BatchMatMulOptionsT asymmetric;
  asymmetric.asymmetric_quantize_inputs = true;
  EXPECT_EQ(bmm(ET::kFloat32, ET::kFloat32, ET::kFloat32), 1);
  EXPECT_EQ(bmm(ET::kInt8, ET::kInt8, ET::kInt8), 2);
  EXPECT_EQ(bmm(ET::kInt16, ET::kInt16, ET::kInt16), 3);
  EXPECT_EQ(bmm(ET::kFloat32, ET::kInt8, ET::kFloat32), 1);
  EXPECT_EQ(bmm(ET::kFloat32, ET::kInt8, ET::kFloat32, asymmetric), 4);
}

// ---------------------------------------------------------------------------------------------
// QUANTIZE, DEQUANTIZE, CAST

TEST(OpVersionQuantize, OutputTypeAndPerChannel) {
  Graph g;
  const int x = g.tensor(ET::kFloat32, {4, 3});
  const int y8 = g.quantized(ET::kInt8, {4, 3}, {0.1f});
  const int yu8 = g.quantized(ET::kUInt8, {4, 3}, {0.1f});
  const int y16 = g.quantized(ET::kInt16, {4, 3}, {0.1f});
  const int y_axis = g.quantized(ET::kInt8, {4, 3}, {0.1f, 0.2f, 0.3f}, 1);
  const int y4 = g.quantized(ET::kInt4, {4, 3}, {0.1f});
  EXPECT_EQ(g.version(BO::QUANTIZE, {x}, {y8}), 1);
  EXPECT_EQ(g.version(BO::QUANTIZE, {x}, {yu8}), 1);
  EXPECT_EQ(g.version(BO::QUANTIZE, {x}, {y16}), 2);
  EXPECT_EQ(g.version(BO::QUANTIZE, {x}, {y_axis}), 3);
  EXPECT_EQ(g.version(BO::QUANTIZE, {x}, {y4}), 4);
}

TEST(OpVersionDequantize, InputTypeAndPerChannel) {
  Graph g;
  const int y = g.tensor(ET::kFloat32, {4, 3});
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {g.quantized(ET::kUInt8, {4, 3}, {0.1f})}, {y}), 1);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {g.quantized(ET::kInt8, {4, 3}, {0.1f})}, {y}), 2);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {g.tensor(ET::kFloat16, {4, 3})}, {y}), 3);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {g.quantized(ET::kInt16, {4, 3}, {0.1f})}, {y}), 3);
  const int per_row = g.quantized(ET::kInt8, {4, 3}, {0.1f, 0.2f, 0.3f, 0.4f}, 0);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {per_row}, {y}), 5);
  // Scales that do not match the axis extent are not per-channel.
  const int mismatched = g.quantized(ET::kInt8, {4, 3}, {0.1f, 0.2f}, 0);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {mismatched}, {y}), 2);
  EXPECT_EQ(g.version(BO::DEQUANTIZE, {g.quantized(ET::kInt4, {4, 3}, {0.1f})}, {y}), 6);
}

TEST(OpVersionCast, EitherSideType) {
  Graph g;
  auto cast = [&](ET from, ET to) {
    const int x = g.tensor(from, {4}), y = g.tensor(to, {4});
    return g.version(BO::CAST, {x}, {y});
  };
  EXPECT_EQ(cast(ET::kFloat32, ET::kInt32), 1);
  EXPECT_EQ(cast(ET::kUInt32, ET::kInt32), 2);
  EXPECT_EQ(cast(ET::kInt32, ET::kInt8), 3);
  EXPECT_EQ(cast(ET::kUInt16, ET::kFloat32), 4);
  EXPECT_EQ(cast(ET::kFloat32, ET::kFloat16), 5);
  EXPECT_EQ(cast(ET::kFloat64, ET::kFloat32), 5);
  EXPECT_EQ(cast(ET::kInt4, ET::kFloat32), 6);
  EXPECT_EQ(cast(ET::kInt4, ET::kInt8), 3);
  EXPECT_EQ(cast(ET::kBFloat16, ET::kFloat32), 7);
}

// ---------------------------------------------------------------------------------------------
// Elementwise maths and comparisons, control flow

TEST(OpVersionElementwise, MaximumMinimum) {
  Graph g;
  for (BO code : {BO::MAXIMUM, BO::MINIMUM}) {
    EXPECT_EQ(g.unary(code, ET::kFloat32), 1);
    EXPECT_EQ(g.unary(code, ET::kUInt8), 1);
    EXPECT_EQ(g.unary(code, ET::kInt8), 2);
    EXPECT_EQ(g.unary(code, ET::kInt16), 4);
    const int a = g.tensor(ET::kUInt8, {2, 1, 3, 4, 5}), b = g.tensor(ET::kUInt8, {5});
    const int y = g.tensor(ET::kUInt8, {2, 1, 3, 4, 5});
    EXPECT_EQ(g.version(code, {a, b}, {y}), 3);
  }
}

TEST(OpVersionElementwise, LogRsqrtGreaterEqual) {
  Graph g;
  EXPECT_EQ(g.unary(BO::LOG, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::LOG, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::LOG, ET::kInt16), 2);
  EXPECT_EQ(g.unary(BO::RSQRT, ET::kFloat32), 1);
  EXPECT_EQ(g.unary(BO::RSQRT, ET::kInt8), 2);
  EXPECT_EQ(g.unary(BO::RSQRT, ET::kInt16), 3);
  for (auto [type, expected] : {std::pair{ET::kFloat32, 1}, {ET::kInt8, 2}, {ET::kInt16, 3}}) {
    const int a = g.tensor(type), b = g.tensor(type), y = g.tensor(ET::kBool);
    EXPECT_EQ(g.version(BO::GREATER_EQUAL, {a, b}, {y}), expected);
  }
}

TEST(OpVersionControlFlow, IfIsOne) {
  Graph g;
  const int cond = g.tensor(ET::kBool, {}), x = g.tensor(ET::kInt8), y = g.tensor(ET::kInt8);
  tflite::IfOptionsT o;
  o.then_subgraph_index = 1;
  o.else_subgraph_index = 2;
  EXPECT_EQ(g.version(BO::IF, {cond, x}, {y}, o), 1);
}

// ---------------------------------------------------------------------------------------------
// Ops without a rule, custom ops, odd operand lists

TEST(OpVersionOther, RuleResultMayBeBelowTheStoredVersion) {
  Graph g;
  const int a = g.tensor(ET::kFloat32), y = g.tensor(ET::kFloat32);
  ir::Op add = Graph::make(BO::ADD, {a, a}, {y});
  add.version = 3;
  EXPECT_EQ(required_op_version(add, g.graph()), 1);
  EXPECT_EQ(written_op_version(add, g.graph()), 3);
  ir::Op conv = Graph::make(BO::CONV_2D, {a, g.quantized(ET::kInt8, {4, 1, 1, 4}, {0.1f}), -1},
                            {y}, conv_options());
  conv.version = 1;
  EXPECT_EQ(written_op_version(conv, g.graph()), 2);  // hybrid
}

TEST(OpVersionOther, OpsWithoutRuleAndCustomOpsKeepTheirVersion) {
  Graph g;
  const int x = g.tensor(ET::kFloat32), axis = g.tensor(ET::kInt32, {}), y = g.tensor(ET::kFloat32);
  ir::Op cumsum = Graph::make(BO::CUMSUM, {x, axis}, {y});
  cumsum.version = 2;
  EXPECT_EQ(required_op_version(cumsum, g.graph()), 2);
  ir::Op custom = Graph::make(BO::CUSTOM, {x}, {y});
  custom.custom_code = "MyOp";
  custom.version = 3;
  EXPECT_EQ(required_op_version(custom, g.graph()), 3);
  custom.version = 0;
  EXPECT_EQ(required_op_version(custom, g.graph()), 1);
  EXPECT_EQ(written_op_version(custom, g.graph()), 1);
}

TEST(OpVersionOther, MissingOrInvalidOperandsDoNotCrash) {
  Graph g;
  const int x = g.tensor(ET::kInt8);
  EXPECT_EQ(g.version(BO::CONV_2D, {}, {}), 1);
  EXPECT_EQ(g.version(BO::FULLY_CONNECTED, {x}, {}), 1);
  EXPECT_EQ(g.version(BO::SPLIT, {-1}, {x}), 1);
  EXPECT_EQ(g.version(BO::MUL, {x, 99}, {x}), 2);  // index past the tensor list reads as absent
  EXPECT_EQ(g.version(BO::DEPTHWISE_CONV_2D, {x, x, -1}, {x}, dw_options()), 3);
}

// ---------------------------------------------------------------------------------------------
// Runtime versions

TEST(MinRuntimeVersion, TableLookups) {
  EXPECT_EQ(min_runtime_version_for_op(BO::CONV_2D, 1), "1.5.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::CONV_2D, 3), "1.14.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::CONV_2D, 8), "2.15.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::DEPTHWISE_CONV_2D, 2), "1.12.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::FULLY_CONNECTED, 9), "2.3.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::FULLY_CONNECTED, 13), "2.18.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::TRANSPOSE, 7), "2.14.4");
  EXPECT_EQ(min_runtime_version_for_op(BO::TILE, 1), "1.10.1");
  EXPECT_EQ(min_runtime_version_for_op(BO::RESIZE_BILINEAR, 3), "2.2.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::BROADCAST_TO, 2), "2.5.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::WHERE, 2), "2.8.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::HARD_SWISH, 1), "1.15.0");
  EXPECT_EQ(min_runtime_version_for_op(BO::BROADCAST_TO, 1), "");  // withdrawn version
  EXPECT_EQ(min_runtime_version_for_op(BO::CONV_2D, 9), "");
  EXPECT_EQ(min_runtime_version_for_op(BO::CUSTOM, 1), "");
}

TEST(MinRuntimeVersion, EveryVersionTheRulesProduceHasAnEntry) {
  // The highest version each listed op's rules can give, per the rules above.
  const std::vector<std::pair<BO, int32_t>> highest = {
      {BO::CONV_2D, 8},        {BO::DEPTHWISE_CONV_2D, 7}, {BO::FULLY_CONNECTED, 13},
      {BO::TRANSPOSE_CONV, 5}, {BO::ADD, 5},               {BO::SUB, 5},
      {BO::MUL, 7},            {BO::DIV, 2},               {BO::RELU, 3},
      {BO::RELU6, 3},          {BO::RELU_N1_TO_1, 1},      {BO::LEAKY_RELU, 2},
      {BO::PRELU, 1},          {BO::LOGISTIC, 3},          {BO::TANH, 3},
      {BO::HARD_SWISH, 1},     {BO::AVERAGE_POOL_2D, 3},   {BO::MAX_POOL_2D, 3},
      {BO::MEAN, 3},           {BO::SUM, 2},               {BO::REDUCE_MAX, 3},
      {BO::RESHAPE, 1},        {BO::SQUEEZE, 2},           {BO::EXPAND_DIMS, 1},
      {BO::TRANSPOSE, 7},      {BO::CONCATENATION, 4},     {BO::PAD, 5},
      {BO::PADV2, 5},          {BO::RESIZE_BILINEAR, 4},   {BO::RESIZE_NEAREST_NEIGHBOR, 4},
      {BO::SOFTMAX, 3},        {BO::STRIDED_SLICE, 8},     {BO::SLICE, 7},
      {BO::SPLIT, 4},          {BO::GATHER, 7},            {BO::BATCH_MATMUL, 4},
      {BO::QUANTIZE, 4},       {BO::DEQUANTIZE, 6},        {BO::DENSIFY, 1},
      {BO::DEPTH_TO_SPACE, 2}, {BO::MAXIMUM, 4},           {BO::MINIMUM, 4},
      {BO::LOG, 2},            {BO::RSQRT, 3},             {BO::GREATER_EQUAL, 3},
      {BO::IF, 1},             {BO::CAST, 7},
  };
  for (const auto& [op, top] : highest) {
    for (int32_t v = 1; v <= top; ++v) {
      EXPECT_NE(min_runtime_version_for_op(op, v), "")
          << ir::builtin_name(op) << " version " << v;
    }
  }
}

TEST(MinRuntimeVersion, ComparesAsVersionsNotStrings) {
  EXPECT_TRUE(runtime_version_less("1.5.0", "1.14.0"));
  EXPECT_FALSE(runtime_version_less("1.14.0", "1.5.0"));
  EXPECT_TRUE(runtime_version_less("1.9.0", "1.10.1"));
  EXPECT_TRUE(runtime_version_less("2.14.0", "2.14.4"));
  EXPECT_TRUE(runtime_version_less("1.15.0", "2.1.0"));
  EXPECT_FALSE(runtime_version_less("2.3.0", "2.3.0"));
  EXPECT_TRUE(runtime_version_less("", "1.5.0"));
  EXPECT_FALSE(runtime_version_less("1.5.0", ""));
  EXPECT_TRUE(runtime_version_less("2.3", "2.3.0"));  // fewer parts first when all else is equal
  EXPECT_FALSE(runtime_version_less("2.3.0", "2.3"));
}

TEST(MinRuntimeVersion, HighestOverAllOpsOfAllSubgraphs) {
  ir::Model model;
  model.subgraphs.reserve(2);  // the references below stay valid
  ir::Subgraph& first = model.subgraphs.emplace_back();
  auto add_tensor = [](ir::Subgraph& graph, ET type, Shape shape) {
    ir::Tensor& t = graph.tensors.emplace_back();
    t.type = type;
    t.shape = std::move(shape);
    return static_cast<int32_t>(graph.tensors.size() - 1);
  };
  const int32_t x = add_tensor(first, ET::kFloat32, {1, 8, 8, 4});
  const int32_t w = add_tensor(first, ET::kFloat32, {4, 3, 3, 4});
  const int32_t dw = add_tensor(first, ET::kFloat32, {1, 3, 3, 4});
  first.ops.push_back(Graph::make(BO::CONV_2D, {x, w, -1}, {x}, conv_options()));
  EXPECT_EQ(min_runtime_version(model), "1.5.0");

  // DEPTHWISE_CONV_2D v2 (dilated): 1.12.0 beats CONV_2D v1's 1.5.0.
  first.ops.push_back(Graph::make(BO::DEPTHWISE_CONV_2D, {x, dw, -1}, {x}, dw_options(2)));
  EXPECT_EQ(written_op_version(first.ops.back(), first), 2);
  EXPECT_EQ(min_runtime_version(model), "1.12.0");

  // An int8 ADD in a second subgraph (v2, 1.14.0): larger as a version, smaller as a string.
  ir::Subgraph& body = model.subgraphs.emplace_back();
  const int32_t a = add_tensor(body, ET::kInt8, {4});
  body.ops.push_back(Graph::make(BO::ADD, {a, a}, {a}));
  EXPECT_EQ(min_runtime_version(model), "1.14.0");

  // Custom ops have no entry and are skipped; a stored version above the rule's counts.
  ir::Op custom = Graph::make(BO::CUSTOM, {a}, {a});
  custom.custom_code = "Future";
  custom.version = 9;
  body.ops.push_back(custom);
  EXPECT_EQ(min_runtime_version(model), "1.14.0");
  first.ops.front().version = 4;  // CONV_2D v4
  EXPECT_EQ(min_runtime_version(model), "2.3.0");
}

TEST(MinRuntimeVersion, EmptyModelHasNoVersion) {
  EXPECT_EQ(min_runtime_version(ir::Model{}), "");
  ir::Model only_custom;
  ir::Subgraph& graph = only_custom.subgraphs.emplace_back();
  ir::Op& custom = graph.ops.emplace_back();
  custom.builtin = BO::CUSTOM;
  custom.custom_code = std::string(1, 'X');  // not a literal: GCC 12 -O3 misreports assigning one
  EXPECT_EQ(min_runtime_version(only_custom), "");
}

TEST(MinRuntimeVersionMetadata, SixteenBytesNulPadded) {
  const std::vector<uint8_t> bytes = min_runtime_version_metadata("1.14.0");
  ASSERT_EQ(bytes.size(), kMinRuntimeVersionBytes);
  ASSERT_EQ(bytes.size(), 16u);
  const std::vector<uint8_t> expected = {'1', '.', '1', '4', '.', '0', 0, 0,
                                         0,   0,   0,   0,   0,   0,   0, 0};
  EXPECT_EQ(bytes, expected);
}

TEST(MinRuntimeVersionMetadata, EmptyAndOverlongStringsLeaveAllNuls) {
  const std::vector<uint8_t> zeros(16, 0);
  EXPECT_EQ(min_runtime_version_metadata(""), zeros);
  EXPECT_EQ(min_runtime_version_metadata("1234567890.12345"), zeros);   // 16 characters
  EXPECT_EQ(min_runtime_version_metadata("1234567890.123456"), zeros);  // 17 characters
  EXPECT_EQ(min_runtime_version_metadata("123456789.123456"), zeros);  // also 16 characters
  const std::vector<uint8_t> fifteen = min_runtime_version_metadata("12345678.123456");
  ASSERT_EQ(fifteen.size(), 16u);
  EXPECT_EQ(std::string(fifteen.begin(), fifteen.begin() + 15), "12345678.123456");
  EXPECT_EQ(fifteen[15], 0);
}

}  // namespace
}  // namespace lq::io
