// More integer kernels on hand-made one-op models, run by litequant and by LiteRT.js: RELU_0_TO_1,
// SPACE_TO_BATCH_ND, BATCH_TO_SPACE_ND, REDUCE_MIN, SUM, ABS, SQUARED_DIFFERENCE,
// L2_NORMALIZATION, LOG_SOFTMAX and ELU (int8, and int16 where TFLite has a kernel; float32 for
// the two data-movement ops, which calibration runs), and `quantize` making each of them integer.
// Every output element must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime);
// how many differ under kTfliteReference is printed too. Quantization parameters are drawn at
// random from each case's seed, next to hand-picked ones (equal parameters, power-of-two ratios
// that make exact ties).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "kernels/kernel_test_util.h"
#include "quant/calibration.h"
#include "quant/check.h"
#include "quant/quantize.h"
#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using BO = tflite::BuiltinOperator;
using ET = ElementType;

struct Q {
  float scale = 1.0f;
  int64_t zero_point = 0;
};

// One model of one op under construction; activation inputs drawn from the case's seed.
class OneOp {
 public:
  OneOp(std::string name, std::string group, uint64_t seed) : random(seed) {
    case_.name = std::move(name);
    case_.group = std::move(group);
  }

  // An activation input of `type` with values uniform over [lo, hi] (float32: not quantized).
  int input(const Shape& shape, ET type, Q q, int64_t lo, int64_t hi) {
    const int index = b.input(shape, type);
    const int64_t n = num_elements(shape);
    if (type == ET::kFloat32) {
      const auto [flo, fhi] = std::pair(static_cast<float>(lo), static_cast<float>(hi));
      case_.inputs.push_back(
          testing::to_array(type, shape, random.uniform_vector(static_cast<size_t>(n), flo, fhi)));
      return index;
    }
    testing::set_quant(b.at(index), {q.scale}, {q.zero_point});
    case_.inputs.push_back(
        type == ET::kInt16
            ? testing::to_array(type, shape, testing::uniform_ints<int16_t>(random, n, lo, hi))
            : testing::to_array(type, shape, testing::uniform_ints<int8_t>(random, n, lo, hi)));
    return index;
  }
  // Over the whole range of `type`.
  int input(const Shape& shape, ET type, Q q) {
    return type == ET::kInt16 ? input(shape, type, q, -32768, 32767)
                              : input(shape, type, q, -128, 127);
  }
  // An int8 input holding every int8 value once, in order (256 elements).
  int every_int8_value(Q q) {
    const Shape shape{1, 4, 8, 8};
    const int index = b.input(shape, ET::kInt8);
    testing::set_quant(b.at(index), {q.scale}, {q.zero_point});
    std::vector<int8_t> v;
    for (int x = -128; x <= 127; ++x) v.push_back(static_cast<int8_t>(x));
    case_.inputs.push_back(testing::to_array(ET::kInt8, shape, v));
    return index;
  }
  int output(ET type, Q q) {
    const int index = b.output({}, type);
    if (type != ET::kFloat32) testing::set_quant(b.at(index), {q.scale}, {q.zero_point});
    return index;
  }

  template <class Options = std::nullptr_t>
  testing::OracleCase op(BO code, std::vector<int32_t> inputs, std::vector<int32_t> outputs,
                         Options options = nullptr) {
    b.op(code, std::move(inputs), std::move(outputs), std::move(options));
    case_.model = b.model();
    testing::record_planned_output_shapes(case_.model);
    return std::move(case_);
  }

  testing::Random random;
  testing::OpBuilder b;

 private:
  testing::OracleCase case_;
};

std::string group_name(ET type, BO op) {
  return cat(element_type_name(type), " ", tflite::EnumNameBuiltinOperator(op));
}

// A random per-tensor quantization: scale log-uniform in [lo, hi], zero point uniform in the int8
// range (0 for int16, whose activations are symmetric).
Q random_q(testing::Random& random, ET type, float lo, float hi) {
  const float scale = lo * std::pow(hi / lo, random.uniform(0.0f, 1.0f));
  if (type == ET::kInt16) return {scale, 0};
  return {scale, static_cast<int64_t>(random.next() % 256) - 128};
}

void expect_equal_to_litert(const std::string& dir, const std::vector<testing::OracleCase>& cases) {
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / dir, cases, "");
}

// ---- RELU_0_TO_1: every int8 value through the op.

testing::OracleCase relu_0_to_1(std::string name, Q in, Q out) {
  OneOp c(std::move(name), group_name(ET::kInt8, BO::RELU_0_TO_1), 1);
  const int x = c.every_int8_value(in);
  const int y = c.output(ET::kInt8, out);
  return c.op(BO::RELU_0_TO_1, {x}, {y});
}

TEST(Int8MoreKernels, Relu0To1EqualsLiteRT) {
  std::vector<testing::OracleCase> cases = {
      relu_0_to_1("equal_params", {0.01f, -50}, {0.01f, -50}),
      relu_0_to_1("calibrated_like", {0.0235f, 3}, {1.0f / 255, -128}),
      relu_0_to_1("halve_ties", {0.5f, 1}, {1.0f, -128}),
      relu_0_to_1("double", {0.004f, 0}, {0.002f, -128}),
      relu_0_to_1("bound_on_a_tie", {2.0f, 0}, {2.0f, 0}),
      relu_0_to_1("wide_output", {0.002f, -7}, {0.03f, -1}),
  };
  testing::Random random(2100);
  for (int i = 0; i < 10; ++i)
    cases.push_back(relu_0_to_1(cat("random_", i), random_q(random, ET::kInt8, 0.001f, 0.1f),
                                random_q(random, ET::kInt8, 0.001f, 0.02f)));
  expect_equal_to_litert("int8_relu_0_to_1", cases);
}

// ---- SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND: copies, input and output parameters equal.

testing::OracleCase space_to_batch(std::string name, ET type, Shape shape,
                                   std::vector<int32_t> block, std::vector<int32_t> paddings,
                                   uint64_t seed) {
  OneOp c(std::move(name), group_name(type, BO::SPACE_TO_BATCH_ND), seed);
  const Q q = random_q(c.random, type, 0.001f, 0.1f);
  const int m = static_cast<int32_t>(block.size());
  const int x = c.input(shape, type, q);
  const int b = c.b.constant<int32_t>({m}, block);
  const int p = c.b.constant<int32_t>({m, 2}, paddings);
  const int y = c.output(type, q);
  return c.op(BO::SPACE_TO_BATCH_ND, {x, b, p}, {y});
}

testing::OracleCase batch_to_space(std::string name, ET type, Shape shape,
                                   std::vector<int32_t> block, std::vector<int32_t> crops,
                                   uint64_t seed) {
  OneOp c(std::move(name), group_name(type, BO::BATCH_TO_SPACE_ND), seed);
  const Q q = random_q(c.random, type, 0.001f, 0.1f);
  const int m = static_cast<int32_t>(block.size());
  const int x = c.input(shape, type, q);
  const int b = c.b.constant<int32_t>({m}, block);
  const int p = c.b.constant<int32_t>({m, 2}, crops);
  const int y = c.output(type, q);
  return c.op(BO::BATCH_TO_SPACE_ND, {x, b, p}, {y});
}

std::vector<testing::OracleCase> space_batch_cases(ET type) {
  const std::string t = cat(element_type_name(type), "_");
  return {
      space_to_batch(t + "s2b_block2_no_pad", type, {1, 8, 6, 5}, {2, 2}, {0, 0, 0, 0}, 3000),
      space_to_batch(t + "s2b_block2_pad", type, {2, 5, 7, 3}, {2, 2}, {1, 0, 0, 1}, 3001),
      space_to_batch(t + "s2b_block3x2_pad", type, {1, 7, 9, 4}, {3, 2}, {1, 1, 2, 1}, 3002),
      space_to_batch(t + "s2b_dilated_conv_like", type, {1, 12, 12, 8}, {4, 4}, {4, 4, 4, 4}, 3003),
      space_to_batch(t + "s2b_rank3", type, {2, 9, 6}, {3}, {2, 1}, 3004),
      batch_to_space(t + "b2s_block2_no_crop", type, {4, 4, 3, 5}, {2, 2}, {0, 0, 0, 0}, 3010),
      batch_to_space(t + "b2s_block2_crop", type, {8, 3, 4, 3}, {2, 2}, {1, 0, 0, 1}, 3011),
      batch_to_space(t + "b2s_block3x2_crop", type, {6, 3, 5, 4}, {3, 2}, {1, 1, 2, 1}, 3012),
      batch_to_space(t + "b2s_dilated_conv_like", type, {16, 5, 5, 8}, {4, 4}, {4, 0, 4, 0}, 3013),
      batch_to_space(t + "b2s_rank3", type, {6, 4, 6}, {3}, {1, 2}, 3014),
  };
}

TEST(Int8MoreKernels, SpaceToBatchAndBatchToSpaceEqualLiteRT) {
  expect_equal_to_litert("int8_space_batch", space_batch_cases(ET::kInt8));
}

TEST(Int16MoreKernels, SpaceToBatchAndBatchToSpaceEqualLiteRT) {
  expect_equal_to_litert("int16_space_batch", space_batch_cases(ET::kInt16));
}

// float32, which calibration runs.
TEST(Float32MoreKernels, SpaceToBatchAndBatchToSpaceEqualLiteRT) {
  expect_equal_to_litert("float32_space_batch", space_batch_cases(ET::kFloat32));
}

// ---- REDUCE_MIN (raw minimum, parameters equal) and SUM (requantized to the output's parameters).

testing::OracleCase reduce(std::string name, BO op, ET type, Shape shape, std::vector<int32_t> axes,
                           bool keep_dims, Q in, Q out, uint64_t seed) {
  OneOp c(std::move(name), group_name(type, op), seed);
  const int x = c.input(shape, type, in);
  const int a = c.b.constant<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  const int y = c.output(type, out);
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  return c.op(op, {x, a}, {y}, o);
}

std::vector<testing::OracleCase> reduce_min_cases(ET type) {
  const std::string t = cat(element_type_name(type), "_");
  const Q q = type == ET::kInt16 ? Q{0.0004f, 0} : Q{0.05f, -4};
  return {
      reduce(t + "reduce_min_hw_keep_dims", BO::REDUCE_MIN, type, {4, 6, 7, 32}, {1, 2}, true, q, q,
             3100),
      reduce(t + "reduce_min_last_axis", BO::REDUCE_MIN, type, {16, 12, 10}, {-1}, false, q, q,
             3101),
      reduce(t + "reduce_min_first_and_last", BO::REDUCE_MIN, type, {5, 6, 7}, {0, 2}, false, q, q,
             3102),
  };
}

TEST(Int8MoreKernels, ReduceMinEqualsLiteRT) {
  expect_equal_to_litert("int8_reduce_min", reduce_min_cases(ET::kInt8));
}

TEST(Int16MoreKernels, ReduceMinEqualsLiteRT) {
  expect_equal_to_litert("int16_reduce_min", reduce_min_cases(ET::kInt16));
}

// SUM: the output scale as a quantizer calibrates it (about the input's times the count, or its
// square root for random signs), random zero points; and power-of-two ratios (exact ties).
std::vector<testing::OracleCase> sum_cases(ET type) {
  const std::string t = cat(element_type_name(type), "_");
  testing::Random random(3200 + static_cast<uint64_t>(type));
  struct Geometry {
    Shape shape;
    std::vector<int32_t> axes;
    bool keep_dims;
  };
  const Geometry geometries[] = {{{2, 6, 7, 16}, {1, 2}, true}, {{16, 12, 10}, {-1}, false},
                                 {{5, 6, 7}, {0, 2}, false},    {{3, 40}, {1}, true},
                                 {{1, 4, 4, 8}, {3}, false},    {{8, 9}, {0}, false}};
  std::vector<testing::OracleCase> cases;
  uint64_t seed = 3200;
  for (const Geometry& g : geometries) {
    int64_t n = 1;
    for (int32_t a : g.axes)
      n *= g.shape[static_cast<size_t>(a < 0 ? a + static_cast<int32_t>(g.shape.size()) : a)];
    const Q in = random_q(random, type, 0.002f, 0.1f);
    const float grow = std::sqrt(static_cast<float>(n)) * random.uniform(1.0f, 4.0f);
    Q out = random_q(random, type, in.scale * grow * 0.7f, in.scale * grow * 1.4f);
    cases.push_back(reduce(cat(t, "sum_random_", seed), BO::SUM, type, g.shape, g.axes, g.keep_dims,
                           in, out, seed));
    ++seed;
    const Q tie_in = type == ET::kInt16 ? Q{0.001f, 0} : Q{0.25f, 3};
    const Q tie_out = type == ET::kInt16 ? Q{0.008f, 0} : Q{2.0f, -5};
    cases.push_back(reduce(cat(t, "sum_ties_", seed), BO::SUM, type, g.shape, g.axes, g.keep_dims,
                           tie_in, tie_out, seed));
    ++seed;
  }
  // Scale ratios far below and above 1 (XNNPACK bounds the ratios it takes).
  const Q tiny_in = type == ET::kInt16 ? Q{0.00001f, 0} : Q{0.001f, 3};
  const Q tiny_out = type == ET::kInt16 ? Q{0.1f, 0} : Q{1.5f, -2};
  cases.push_back(reduce(t + "sum_ratio_below_xnnpack_range", BO::SUM, type, {6, 400}, {1}, false,
                         tiny_in, tiny_out, seed++));
  cases.push_back(reduce(t + "sum_ratio_above_xnnpack_range", BO::SUM, type, {6, 4}, {1}, false,
                         tiny_out, tiny_in, seed++));
  const Q same = type == ET::kInt16 ? Q{0.001f, 0} : Q{0.05f, -4};
  cases.push_back(
      reduce(t + "sum_equal_params", BO::SUM, type, {4, 3, 5}, {1}, false, same, same, seed));
  return cases;
}

TEST(Int8MoreKernels, SumEqualsLiteRT) { expect_equal_to_litert("int8_sum", sum_cases(ET::kInt8)); }

TEST(Int16MoreKernels, SumEqualsLiteRT) {
  expect_equal_to_litert("int16_sum", sum_cases(ET::kInt16));
}

// ---- ABS and ELU: every input value (int8) or a random spread (int16), requantized.

testing::OracleCase unary_int8(std::string name, BO op, Q in, Q out) {
  OneOp c(std::move(name), group_name(ET::kInt8, op), 1);
  const int x = c.every_int8_value(in);
  const int y = c.output(ET::kInt8, out);
  return c.op(op, {x}, {y});
}

// Hand-picked parameters (equal, power-of-two ratios, spread) and random ones.
std::vector<testing::OracleCase> unary_int8_cases(BO op, float out_lo, float out_hi,
                                                  uint64_t seed) {
  const std::string name = tflite::EnumNameBuiltinOperator(op);
  std::vector<testing::OracleCase> cases = {
      unary_int8(name + "_equal_params", op, {0.05f, -5}, {0.05f, -5}),
      unary_int8(name + "_halve_ties", op, {0.5f, 1}, {1.0f, -128}),
      unary_int8(name + "_double", op, {0.05f, 0}, {0.025f, -128}),
      unary_int8(name + "_spread", op, {0.0235f, 3}, {0.0171f, -120}),
  };
  testing::Random random(seed);
  for (int i = 0; i < 12; ++i)
    cases.push_back(unary_int8(cat(name, "_random_", i), op,
                               random_q(random, ET::kInt8, 0.005f, 0.1f),
                               random_q(random, ET::kInt8, out_lo, out_hi)));
  return cases;
}

TEST(Int8MoreKernels, AbsEqualsLiteRT) {
  expect_equal_to_litert("int8_abs", unary_int8_cases(BO::ABS, 0.002f, 0.05f, 3300));
}

TEST(Int8MoreKernels, EluEqualsLiteRT) {
  expect_equal_to_litert("int8_elu", unary_int8_cases(BO::ELU, 0.005f, 0.1f, 3400));
}

TEST(Int16MoreKernels, AbsEqualsLiteRT) {
  std::vector<testing::OracleCase> cases;
  testing::Random random(3500);
  const std::pair<Q, Q> fixed[] = {
      {{0.001f, 0}, {0.001f, 0}}, {{0.001f, 0}, {0.0005f, 0}}, {{0.0004f, 0}, {0.0008f, 0}}};
  for (int i = 0; i < 9; ++i) {
    OneOp c(cat("int16_abs_", i), group_name(ET::kInt16, BO::ABS), 3500 + static_cast<uint64_t>(i));
    const Q in = i < 3 ? fixed[i].first : random_q(random, ET::kInt16, 0.0001f, 0.01f);
    const Q out = i < 3 ? fixed[i].second : random_q(random, ET::kInt16, 0.00005f, 0.01f);
    const int x = c.input({16, 16, 16}, ET::kInt16, in);
    const int y = c.output(ET::kInt16, out);
    cases.push_back(c.op(BO::ABS, {x}, {y}));
  }
  expect_equal_to_litert("int16_abs", cases);
}

// ---- L2_NORMALIZATION: rows of random values (some rows of one repeated value, some near zero),
// output fixed at 1/128 and 0.

testing::OracleCase l2_normalization(std::string name, Shape shape, Q in, int64_t lo, int64_t hi,
                                     uint64_t seed) {
  OneOp c(std::move(name), group_name(ET::kInt8, BO::L2_NORMALIZATION), seed);
  const int x = c.input(shape, ET::kInt8, in, lo, hi);
  const int y = c.output(ET::kInt8, {1.0f / 128, 0});
  return c.op(BO::L2_NORMALIZATION, {x}, {y}, tflite::L2NormOptionsT{});
}

// float32, which calibration runs: rows of several lengths, one of zeros (the epsilon).
TEST(Float32MoreKernels, L2NormalizationEqualsLiteRT) {
  std::vector<testing::OracleCase> cases;
  const Shape shapes[] = {{64, 1}, {16, 10}, {4, 7, 33}, {2, 1000}};
  uint64_t seed = 3650;
  for (const Shape& shape : shapes) {
    OneOp c(cat("l2_float_", shape_string(shape)), "float32 L2_NORMALIZATION", seed++);
    const int x = c.input(shape, ET::kFloat32, {}, -3, 3);
    const int y = c.output(ET::kFloat32, {});
    cases.push_back(c.op(BO::L2_NORMALIZATION, {x}, {y}, tflite::L2NormOptionsT{}));
  }
  OneOp zeros("l2_float_zero_row", "float32 L2_NORMALIZATION", seed);
  const int x = zeros.input({3, 8}, ET::kFloat32, {}, 0, 0);
  const int y = zeros.output(ET::kFloat32, {});
  cases.push_back(zeros.op(BO::L2_NORMALIZATION, {x}, {y}, tflite::L2NormOptionsT{}));
  expect_equal_to_litert("float32_l2_normalization", cases);
}

TEST(Int8MoreKernels, L2NormalizationEqualsLiteRT) {
  testing::Random random(3600);
  std::vector<testing::OracleCase> cases = {
      l2_normalization("l2_depth_1", {64, 1}, {0.1f, 0}, -128, 127, 3601),
      l2_normalization("l2_depth_2_near_zero_point", {128, 2}, {0.1f, 3}, 1, 5, 3602),
      l2_normalization("l2_constant_rows", {32, 16}, {0.05f, -4}, 17, 17, 3603),
      l2_normalization("l2_long_rows", {4, 1000}, {0.02f, -128}, -128, 127, 3604),
  };
  for (int i = 0; i < 8; ++i) {
    const Shape shape = {1 + static_cast<int32_t>(random.next() % 8),
                         1 + static_cast<int32_t>(random.next() % 6),
                         1 + static_cast<int32_t>(random.next() % 64)};
    cases.push_back(l2_normalization(cat("l2_random_", i), shape,
                                     random_q(random, ET::kInt8, 0.001f, 0.5f), -128, 127,
                                     3610 + static_cast<uint64_t>(i)));
  }
  expect_equal_to_litert("int8_l2_normalization", cases);
}

// ---- SQUARED_DIFFERENCE: random inputs, equal or different input parameters, broadcasting; the
// output scale as a quantizer calibrates it (around the largest square over 255).

testing::OracleCase squared_difference(std::string name, Shape a_shape, Q a, Shape b_shape, Q b,
                                       float out_scale, int64_t out_zero_point, uint64_t seed) {
  OneOp c(std::move(name), group_name(ET::kInt8, BO::SQUARED_DIFFERENCE), seed);
  const int x = c.input(a_shape, ET::kInt8, a);
  const int y = c.input(b_shape, ET::kInt8, b);
  const int z = c.output(ET::kInt8, {out_scale, out_zero_point});
  return c.op(BO::SQUARED_DIFFERENCE, {x, y}, {z});
}

TEST(Int8MoreKernels, SquaredDifferenceEqualsLiteRT) {
  testing::Random random(3700);
  std::vector<testing::OracleCase> cases = {
      squared_difference("sqdiff_equal_params", {16, 32}, {0.05f, -3}, {16, 32}, {0.05f, -3}, 0.4f,
                         -128, 3701),
      squared_difference("sqdiff_pow2", {16, 32}, {0.0625f, 0}, {16, 32}, {0.125f, 4}, 1.0f, -128,
                         3702),
      squared_difference("sqdiff_broadcast", {4, 8, 16}, {0.02f, 10}, {1, 16}, {0.03f, -20}, 0.1f,
                         -128, 3703),
  };
  for (int i = 0; i < 8; ++i) {
    const Q a = random_q(random, ET::kInt8, 0.005f, 0.1f),
            b = random_q(random, ET::kInt8, 0.005f, 0.1f);
    const float range = 255.0f * (a.scale + b.scale);
    const float out_scale = range * range / 255.0f * random.uniform(0.2f, 1.2f);
    cases.push_back(squared_difference(cat("sqdiff_random_", i), {8, 64}, a, {8, 64}, b, out_scale,
                                       -128 + static_cast<int64_t>(random.next() % 20),
                                       3710 + static_cast<uint64_t>(i)));
  }
  expect_equal_to_litert("int8_squared_difference", cases);
}

// ---- The spec entries: `quantize` (int8, and int16x8 where TFLite has the kernel) makes each op
// integer from calibrated ranges, the result passes `check`, and its float outputs equal
// LiteRT.js's bit for bit (float32 input and output, through QUANTIZE / DEQUANTIZE).

struct FloatOneOp {
  BO op;
  std::vector<Shape> inputs;
  Shape output;
  quant::Range output_range;
  std::function<std::vector<int32_t>(testing::OpBuilder&)>
      extra_inputs;  // constants after the data
  bool int16 = false;
};

std::vector<FloatOneOp> spec_cases() {
  const auto axes = [](std::vector<int32_t> a) {
    return [a](testing::OpBuilder& b) {
      return std::vector<int32_t>{b.constant<int32_t>({static_cast<int32_t>(a.size())}, a)};
    };
  };
  const auto block = [](std::vector<int32_t> blk, std::vector<int32_t> pads) {
    return [blk, pads](testing::OpBuilder& b) {
      const auto m = static_cast<int32_t>(blk.size());
      return std::vector<int32_t>{b.constant<int32_t>({m}, blk), b.constant<int32_t>({m, 2}, pads)};
    };
  };
  const auto none = [](testing::OpBuilder&) { return std::vector<int32_t>{}; };
  return {
      {BO::RELU_0_TO_1, {{4, 64}}, {4, 64}, {0.0f, 1.0f}, none},
      {BO::SPACE_TO_BATCH_ND,
       {{1, 6, 8, 4}},
       {4, 4, 5, 4},
       {-2.0f, 3.0f},
       block({2, 2}, {1, 1, 1, 1}),
       true},
      {BO::BATCH_TO_SPACE_ND,
       {{4, 4, 5, 4}},
       {1, 6, 8, 4},
       {-2.0f, 3.0f},
       block({2, 2}, {1, 1, 1, 1}),
       true},
      {BO::REDUCE_MIN, {{4, 6, 8}}, {4, 8}, {-2.0f, 3.0f}, axes({1}), true},
      {BO::SUM, {{4, 6, 8}}, {4, 8}, {-6.0f, 9.0f}, axes({1}), true},
      {BO::ABS, {{4, 64}}, {4, 64}, {0.0f, 3.0f}, none, true},
      {BO::ELU, {{4, 64}}, {4, 64}, {-0.9f, 3.0f}, none},
      {BO::SQUARED_DIFFERENCE, {{4, 64}, {4, 64}}, {4, 64}, {0.0f, 25.0f}, none},
      {BO::L2_NORMALIZATION, {{8, 32}}, {8, 32}, {-1.0f, 1.0f}, none},
      {BO::LOG_SOFTMAX, {{8, 32}}, {8, 32}, {-16.0f, 0.0f}, none},
  };
}

void add_float_op(testing::OpBuilder& b, const FloatOneOp& f, std::vector<int32_t> ins, int out) {
  if (f.op == BO::REDUCE_MIN || f.op == BO::SUM) {
    tflite::ReducerOptionsT o;
    b.op(f.op, std::move(ins), {out}, o);
  } else if (f.op == BO::L2_NORMALIZATION) {
    b.op(f.op, std::move(ins), {out}, tflite::L2NormOptionsT{});
  } else {
    b.op(f.op, std::move(ins), {out});
  }
}

// The quantized model, with the report checked; inputs uniform in [-2, 3].
testing::OracleCase quantized_case(const FloatOneOp& f, quant::Mode mode, uint64_t seed) {
  testing::OpBuilder b;
  quant::MinMaxCalibrator ranges;
  const auto observe = [&](int t, quant::Range r) {
    const float v[] = {r.min, r.max};
    ranges.observe(0, t, v, 2);
  };
  std::vector<int32_t> ins;
  testing::Random random(seed);
  std::vector<io::Array> inputs;
  for (const Shape& shape : f.inputs) {
    ins.push_back(b.input(shape));
    observe(ins.back(), {-2.0f, 3.0f});
    const std::vector<float> v =
        random.uniform_vector(static_cast<size_t>(num_elements(shape)), -2.0f, 3.0f);
    inputs.push_back(testing::to_array(ET::kFloat32, shape, v));
  }
  for (int32_t c : f.extra_inputs(b)) ins.push_back(c);
  const int out = b.output(f.output);
  observe(out, f.output_range);
  add_float_op(b, f, ins, out);
  ir::Model model = b.model();
  quant::QuantizeOptions options;
  options.mode = mode;
  options.calibration = &ranges;
  const quant::QuantizeReport report = quant::quantize(model, options);
  const std::string name = tflite::EnumNameBuiltinOperator(f.op);
  EXPECT_EQ(report.quantized_ops.count(name), 1u) << name << " left float";
  EXPECT_TRUE(report.float_ops.empty())
      << name << ": " << (report.float_reasons.empty() ? "" : report.float_reasons.begin()->second);
  EXPECT_TRUE(quant::check_model(model).violations.empty()) << name;
  const std::string type = mode == quant::Mode::kInt8 ? "int8" : "int16x8";
  return {cat(type, "_", name), cat("quantize --mode ", type, " ", name), std::move(model),
          std::move(inputs)};
}

TEST(Int8MoreKernels, QuantizeMakesEachOpIntegerAndEqualsLiteRT) {
  std::vector<testing::OracleCase> cases;
  uint64_t seed = 3800;
  for (const FloatOneOp& f : spec_cases()) {
    cases.push_back(quantized_case(f, quant::Mode::kInt8, seed++));
    if (f.int16) cases.push_back(quantized_case(f, quant::Mode::kInt16x8, seed++));
  }
  expect_equal_to_litert("quantize_more_kernels", cases);
}

// ---- Bad models: errors that name the op and what was expected (no LiteRT.js needed).

TEST(Int8MoreKernels, BadModelsAreErrorsNamingTheOp) {
  const auto s2b = [](Shape shape, std::vector<int32_t> pads, bool constant_block) {
    testing::OpBuilder b;
    const int x = b.input(shape, ET::kInt8);
    testing::set_quant(b.at(x), {0.1f}, {0});
    const int blk = constant_block ? b.constant<int32_t>({2}, {2, 2}) : b.input({2}, ET::kInt32);
    const int p = b.constant<int32_t>({2, 2}, pads);
    const int y = b.output({}, ET::kInt8);
    testing::set_quant(b.at(y), {0.1f}, {0});
    b.op(BO::SPACE_TO_BATCH_ND, {x, blk, p}, {y});
    return b;
  };
  testing::OpBuilder odd = s2b({1, 5, 4, 2}, {0, 0, 0, 0}, true);
  testing::expect_error(odd, {"SPACE_TO_BATCH_ND", "is not a multiple of the block (2x2)"});
  testing::OpBuilder negative = s2b({1, 4, 4, 2}, {-1, 1, 0, 0}, true);
  testing::expect_error(negative, {"SPACE_TO_BATCH_ND", "expected non-negative values"});
  testing::OpBuilder dynamic = s2b({1, 4, 4, 2}, {0, 0, 0, 0}, false);
  testing::expect_error(dynamic, {"SPACE_TO_BATCH_ND", "must be constant"});

  testing::OpBuilder b2s;
  const int x = b2s.input({3, 2, 2, 1}, ET::kInt8);
  testing::set_quant(b2s.at(x), {0.1f}, {0});
  const int y = b2s.output({}, ET::kInt8);
  testing::set_quant(b2s.at(y), {0.1f}, {0});
  b2s.op(BO::BATCH_TO_SPACE_ND,
         {x, b2s.constant<int32_t>({2}, {2, 2}), b2s.constant<int32_t>({2, 2}, {0, 0, 0, 0})}, {y});
  testing::expect_error(b2s, {"BATCH_TO_SPACE_ND", "expected a multiple of the block size 4"});

  testing::OpBuilder l2;
  const int lx = l2.input({2, 8}, ET::kInt8);
  testing::set_quant(l2.at(lx), {0.1f}, {0});
  const int ly = l2.output({2, 8}, ET::kInt8);
  testing::set_quant(l2.at(ly), {0.1f}, {0});
  l2.op(BO::L2_NORMALIZATION, {lx}, {ly}, tflite::L2NormOptionsT{});
  testing::expect_error(l2, {"L2_NORMALIZATION", "output"});

  // An output scale below what TFLite's fixed point can express for these inputs.
  testing::OpBuilder sq;
  const int a = sq.input({4}, ET::kInt8), c = sq.input({4}, ET::kInt8);
  testing::set_quant(sq.at(a), {0.5f}, {0});
  testing::set_quant(sq.at(c), {0.5f}, {0});
  const int out = sq.output({4}, ET::kInt8);
  testing::set_quant(sq.at(out), {1e-6f}, {0});
  sq.op(BO::SQUARED_DIFFERENCE, {a, c}, {out});
  testing::expect_error(sq, {"SQUARED_DIFFERENCE", "expected less than 1"});
}

// ---- LOG_SOFTMAX: random rows of several lengths, output fixed at 16/256 and 127.

testing::OracleCase log_softmax(std::string name, Shape shape, Q in, uint64_t seed) {
  OneOp c(std::move(name), group_name(ET::kInt8, BO::LOG_SOFTMAX), seed);
  const int x = c.input(shape, ET::kInt8, in);
  const int y = c.output(ET::kInt8, {16.0f / 256, 127});
  return c.op(BO::LOG_SOFTMAX, {x}, {y});
}

TEST(Int8MoreKernels, LogSoftmaxEqualsLiteRT) {
  testing::Random random(3900);
  std::vector<testing::OracleCase> cases = {
      log_softmax("log_softmax_pow2", {16, 10}, {0.0625f, 3}, 3901),
      log_softmax("log_softmax_small_scale", {8, 32}, {0.01f, -20}, 3902),
      log_softmax("log_softmax_large_scale", {8, 32}, {0.5f, 0}, 3903),
      log_softmax("log_softmax_long_rows", {2, 1000}, {0.1f, 5}, 3904),
      log_softmax("log_softmax_one_column", {16, 1}, {0.1f, 5}, 3905),
  };
  for (int i = 0; i < 8; ++i) {
    const Shape shape = {1 + static_cast<int32_t>(random.next() % 6),
                         2 + static_cast<int32_t>(random.next() % 100)};
    cases.push_back(log_softmax(cat("log_softmax_random_", i), shape,
                                random_q(random, ET::kInt8, 0.005f, 0.3f),
                                3910 + static_cast<uint64_t>(i)));
  }
  expect_equal_to_litert("int8_log_softmax", cases);
}

}  // namespace
}  // namespace lq
