// The per-op quantization spec table: the entries the quantizer and `check` rely on.
#include "quant/op_spec.h"

#include <gtest/gtest.h>

#include <set>

namespace lq::quant {
namespace {

using Op = tflite::BuiltinOperator;

TEST(OpSpec, WeightedOpsNameWeightBiasAndPerAxisDimension) {
  struct Expected { Op op; int32_t data, weight, axis, bias; bool hybrid; };
  for (const Expected& e : {Expected{Op::CONV_2D, 0, 1, 0, 2, true}, Expected{Op::DEPTHWISE_CONV_2D, 0, 1, 3, 2, true},
                            Expected{Op::FULLY_CONNECTED, 0, 1, 0, 2, true},
                            Expected{Op::TRANSPOSE_CONV, 2, 1, 0, 3, false}}) {
    const OpQuantSpec* s = find_op_spec(e.op);
    ASSERT_NE(s, nullptr) << static_cast<int>(e.op);
    EXPECT_EQ(s->data_inputs, std::vector<int32_t>{e.data});
    EXPECT_EQ(s->weight_input, e.weight);
    EXPECT_EQ(s->weight_axis, e.axis);
    EXPECT_EQ(s->bias_input, e.bias);
    EXPECT_TRUE(s->int8 && s->int16);
    EXPECT_EQ(s->hybrid, e.hybrid);
    EXPECT_EQ(s->output, OutputRule::kFree);
  }
}

TEST(OpSpec, FixedOutputParametersFollowTheSpec) {
  auto fixed = [](Op op, ElementType type) { return find_op_spec(op)->fixed(type); };
  EXPECT_EQ(fixed(Op::LOGISTIC, ElementType::kInt8).scale, 1.0 / 256);
  EXPECT_EQ(fixed(Op::LOGISTIC, ElementType::kInt8).zero_point, -128);
  EXPECT_EQ(fixed(Op::SOFTMAX, ElementType::kInt8).zero_point, -128);
  EXPECT_EQ(fixed(Op::TANH, ElementType::kInt8).scale, 1.0 / 128);
  EXPECT_EQ(fixed(Op::TANH, ElementType::kInt8).zero_point, 0);
  EXPECT_EQ(fixed(Op::LOG_SOFTMAX, ElementType::kInt8).scale, 16.0 / 256);
  EXPECT_EQ(fixed(Op::LOG_SOFTMAX, ElementType::kInt8).zero_point, 127);
  for (Op op : {Op::LOGISTIC, Op::TANH, Op::SOFTMAX}) {
    EXPECT_EQ(fixed(op, ElementType::kInt16).scale, 1.0 / 32768);
    EXPECT_EQ(fixed(op, ElementType::kInt16).zero_point, 0);
  }
  EXPECT_FALSE(find_op_spec(Op::LOG_SOFTMAX)->supports(ElementType::kInt16));
}

TEST(OpSpec, DataMovementOpsShareInputAndOutputParameters) {
  for (Op op : {Op::AVERAGE_POOL_2D, Op::MAX_POOL_2D, Op::CONCATENATION, Op::RESHAPE, Op::SQUEEZE,
                Op::EXPAND_DIMS, Op::TRANSPOSE, Op::PAD, Op::PADV2, Op::SLICE, Op::STRIDED_SLICE, Op::SPLIT,
                Op::SPLIT_V, Op::GATHER, Op::RESIZE_BILINEAR, Op::RESIZE_NEAREST_NEIGHBOR,
                Op::DEPTH_TO_SPACE, Op::SPACE_TO_DEPTH, Op::SPACE_TO_BATCH_ND, Op::BATCH_TO_SPACE_ND,
                Op::MAXIMUM, Op::MINIMUM, Op::REDUCE_MAX, Op::REDUCE_MIN}) {
    const OpQuantSpec* s = find_op_spec(op);
    ASSERT_NE(s, nullptr) << static_cast<int>(op);
    EXPECT_EQ(s->output, OutputRule::kSameAsInput) << static_cast<int>(op);
  }
  EXPECT_TRUE(find_op_spec(Op::CONCATENATION)->is_data_input(5));
  EXPECT_TRUE(find_op_spec(Op::SPLIT)->is_data_input(1));   // inputs: axis, data
  EXPECT_FALSE(find_op_spec(Op::SPLIT)->is_data_input(0));
  EXPECT_FALSE(find_op_spec(Op::GATHER)->is_data_input(1));  // indices
}

TEST(OpSpec, ActivationsWithTheirOwnOutputParameters) {
  for (Op op : {Op::RELU, Op::RELU6, Op::RELU_N1_TO_1, Op::RELU_0_TO_1, Op::ELU, Op::ABS, Op::SUM,
                Op::SQUARED_DIFFERENCE}) {
    const OpQuantSpec* s = find_op_spec(op);
    ASSERT_NE(s, nullptr) << static_cast<int>(op);
    EXPECT_EQ(s->output, OutputRule::kFree) << static_cast<int>(op);
    EXPECT_TRUE(s->supports(ElementType::kInt8)) << static_cast<int>(op);
  }
  // TFLite's RELU_0_TO_1, RELU_N1_TO_1, ELU and SQUARED_DIFFERENCE have no 16x8 kernels; its ABS,
  // SUM, SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND do.
  for (Op op : {Op::RELU_0_TO_1, Op::RELU_N1_TO_1, Op::ELU, Op::SQUARED_DIFFERENCE})
    EXPECT_FALSE(find_op_spec(op)->supports(ElementType::kInt16)) << static_cast<int>(op);
  for (Op op : {Op::ABS, Op::SUM, Op::SPACE_TO_BATCH_ND, Op::BATCH_TO_SPACE_ND})
    EXPECT_TRUE(find_op_spec(op)->supports(ElementType::kInt16)) << static_cast<int>(op);
}

TEST(OpSpec, OpsWithoutIntegerKernelsAndUnknownOps) {
  EXPECT_FALSE(find_op_spec(Op::DIV)->supports(ElementType::kInt8));
  EXPECT_EQ(find_op_spec(Op::CUSTOM), nullptr);
  EXPECT_EQ(find_op_spec(Op::WHILE), nullptr);
  EXPECT_EQ(find_op_spec(static_cast<Op>(-3)), nullptr);
  EXPECT_EQ(find_op_spec(static_cast<Op>(100000)), nullptr);
  EXPECT_EQ(find_op_spec(Op::ARG_MAX)->output, OutputRule::kNotQuantized);
  const OpQuantSpec* bmm = find_op_spec(Op::BATCH_MATMUL);
  EXPECT_TRUE(bmm->weight_only_if_constant && bmm->hybrid);
  EXPECT_EQ(bmm->weight_axis, -1);
}

TEST(OpSpec, TableIsConsistent) {
  std::set<Op> seen;
  for (const OpQuantSpec& s : op_spec_table()) {
    EXPECT_TRUE(seen.insert(s.op).second) << "listed twice: " << static_cast<int>(s.op);
    EXPECT_EQ(find_op_spec(s.op), &s);
    if (s.output == OutputRule::kFixed) {
      EXPECT_GT(s.fixed_int8.scale, 0);
      EXPECT_EQ(s.int16, s.fixed_int16.scale > 0);  // a 16x8 kernel has its fixed parameters
    }
    if (s.bias_input >= 0) {
      EXPECT_GE(s.weight_input, 0);
    }
  }
  EXPECT_EQ(bias_type_for(ElementType::kInt8), ElementType::kInt32);
  EXPECT_EQ(bias_type_for(ElementType::kInt16), ElementType::kInt64);
}

}  // namespace
}  // namespace lq::quant
