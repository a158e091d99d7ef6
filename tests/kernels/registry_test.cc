#include <gtest/gtest.h>

#include "kernels/kernel_registry.h"

namespace lq {
namespace {

TEST(KernelRegistry, NoKeyIsRegisteredTwice) {
  for (const rt::KernelKey& key : rt::KernelRegistry::global().duplicates())
    ADD_FAILURE() << "registered twice: " << tflite::EnumNameBuiltinOperator(key.op) << " "
                  << key.custom << " " << element_type_name(key.type);
}

// Every op the foundation issue lists has a float32 reference kernel.
TEST(KernelRegistry, CoversTheCommonFloatOps) {
  using Op = tflite::BuiltinOperator;
  const Op ops[] = {Op::CONV_2D, Op::DEPTHWISE_CONV_2D, Op::FULLY_CONNECTED, Op::TRANSPOSE_CONV,
                    Op::ADD, Op::SUB, Op::MUL, Op::DIV, Op::RELU, Op::RELU6, Op::RELU_N1_TO_1,
                    Op::LEAKY_RELU, Op::PRELU, Op::LOGISTIC, Op::TANH, Op::HARD_SWISH,
                    Op::AVERAGE_POOL_2D, Op::MAX_POOL_2D, Op::MEAN, Op::RESHAPE, Op::SQUEEZE,
                    Op::EXPAND_DIMS, Op::TRANSPOSE, Op::CONCATENATION, Op::PAD, Op::PADV2,
                    Op::RESIZE_BILINEAR, Op::RESIZE_NEAREST_NEIGHBOR, Op::SOFTMAX,
                    Op::STRIDED_SLICE, Op::SLICE, Op::SPLIT, Op::GATHER, Op::BATCH_MATMUL,
                    Op::QUANTIZE};
  for (Op op : ops) {
    const rt::KernelKey key{op, "", ElementType::kFloat32, rt::KernelKind::kReference};
    EXPECT_NE(rt::KernelRegistry::global().find(key), nullptr) << tflite::EnumNameBuiltinOperator(op);
  }
  EXPECT_NE(rt::KernelRegistry::global().find({tflite::BuiltinOperator::DEQUANTIZE, "",
                                               ElementType::kFloat16, rt::KernelKind::kReference}),
            nullptr);
  EXPECT_NE(rt::KernelRegistry::global().find({tflite::BuiltinOperator::CUSTOM,
                                               "Convolution2DTransposeBias", ElementType::kFloat32,
                                               rt::KernelKind::kReference}),
            nullptr);
}

}  // namespace
}  // namespace lq
