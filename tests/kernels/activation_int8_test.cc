// int8 activation kernels (RELU, RELU6, RELU_N1_TO_1, LEAKY_RELU, PRELU, LOGISTIC, TANH,
// HARD_SWISH, SOFTMAX, RSQRT) under both arithmetics, with expected values worked out by hand: ties
// that separate the runtime's arithmetic (what LiteRT.js measurably does) from TFLite's reference,
// and the quantization parameters each prepare() refuses.
#include "kernels/kernel_test_util.h"
#include "testing/random.h"

namespace lq {
namespace {

using testing::OpRun;
using testing::set_quant;
using tflite::BuiltinOperator;
using BO = tflite::BuiltinOperator;

constexpr auto kRuntime = arith::Arithmetic::kRuntime;
constexpr auto kReference = arith::Arithmetic::kTfliteReference;

struct Q {
  float scale;
  int64_t zero_point;
};

constexpr Q kLogisticOut = {1.0f / 256, -128};
constexpr Q kTanhOut = {1.0f / 128, 0};

class ActivationInt8Test : public testing::KernelTest {
 protected:
  // A one-op model: input [1, n] (or `shape`), output of the same shape.
  testing::OpBuilder unary(BuiltinOperator op, Q in, Q out, int32_t n, float alpha = 0.0f,
                           float beta = 1.0f) {
    testing::OpBuilder b;
    const int x = b.input({1, n}, ElementType::kInt8);
    set_quant(b.at(x), {in.scale}, {in.zero_point});
    const int y = b.output({}, ElementType::kInt8);
    set_quant(b.at(y), {out.scale}, {out.zero_point});
    if (op == BO::LEAKY_RELU) {
      tflite::LeakyReluOptionsT o;
      o.alpha = alpha;
      b.op(op, {x}, {y}, o);
    } else if (op == BO::SOFTMAX) {
      tflite::SoftmaxOptionsT o;
      o.beta = beta;
      b.op(op, {x}, {y}, o);
    } else {
      b.op(op, {x}, {y});
    }
    return b;
  }

  std::vector<int8_t> run(testing::OpBuilder& b, const std::vector<int8_t>& x,
                          arith::Arithmetic arithmetic) {
    rt::InterpreterOptions options = this->options();
    options.arithmetic = arithmetic;
    OpRun r(b, options);
    r.in(0, x).invoke();
    return r.out<int8_t>();
  }

  std::vector<int8_t> run(BuiltinOperator op, Q in, Q out, const std::vector<int8_t>& x,
                          arith::Arithmetic arithmetic, float alpha = 0.0f) {
    testing::OpBuilder b = unary(op, in, out, static_cast<int32_t>(x.size()), alpha);
    return run(b, x, arithmetic);
  }

  rt::InterpreterOptions options_with(arith::Arithmetic arithmetic) const {
    rt::InterpreterOptions options = this->options();
    options.arithmetic = arithmetic;
    return options;
  }
};

TEST_P(ActivationInt8Test, ReluRequantizesWithDoubleRoundingThenClamps) {
  // Scale ratio 0.5: (x - 1) / 2 with ties toward +infinity, then -128 + that, clamped below at
  // the quantized 0 (-128).
  const std::vector<int8_t> x = {-128, 0, 1, 2, 4, 5, 127};
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::RELU, {0.5f, 1}, {1.0f, -128}, x, arithmetic),
              (std::vector<int8_t>{-128, -128, -128, -127, -126, -126, -65}));
}

TEST_P(ActivationInt8Test, ReluBoundsOnATieRoundHalfAwayFromZero) {
  // 6 / 12 = 0.5 rounds to 1 and -1 / 2 = -0.5 to -1 (TFLite's kernel, which LiteRT.js runs even
  // with equal parameters; XNNPACK's clamp would round both to 0).
  for (arith::Arithmetic arithmetic : {kRuntime, kReference}) {
    EXPECT_EQ(run(BO::RELU6, {12.0f, 0}, {12.0f, 0}, {-3, 0, 1, 2, 127}, arithmetic),
              (std::vector<int8_t>{0, 0, 1, 1, 1}));
    EXPECT_EQ(run(BO::RELU_N1_TO_1, {2.0f, 0}, {2.0f, 0}, {-5, -1, 0, 1, 5}, arithmetic),
              (std::vector<int8_t>{-1, -1, 0, 1, 1}));
  }
}

TEST_P(ActivationInt8Test, Relu6WithOtherOutputParameters) {
  // (x - 3) * 0.25 / 0.05 = 5 (x - 3), clamped to [zo, zo + 6 / 0.05] = [-100, 20].
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::RELU6, {0.25f, 3}, {0.05f, -100}, {-128, 2, 3, 4, 20, 30, 127}, arithmetic),
              (std::vector<int8_t>{-100, -100, -100, -95, -15, 20, 20}));
}

TEST_P(ActivationInt8Test, LogisticKnownValuesAndATie) {
  // 0.5 * x: sigmoid(0) = 1/2 -> 128 - 128 = 0, sigmoid(+-1) = 0.731 / 0.269 -> +-59, saturation.
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::LOGISTIC, {0.5f, 0}, kLogisticOut, {-128, -2, 0, 2, 127}, arithmetic),
              (std::vector<int8_t>{-128, -59, 0, 59, 127}));
  // With this scale sigmoid(scale) is exactly 301/512 in float32: 150.5 rounds to even under the
  // runtime (XNNPACK's table, as LiteRT.js), away from zero under TFLite's table.
  const Q tie = {0.3552519977092743f, 0};
  EXPECT_EQ(run(BO::LOGISTIC, tie, kLogisticOut, {1}, kRuntime), (std::vector<int8_t>{22}));
  EXPECT_EQ(run(BO::LOGISTIC, tie, kLogisticOut, {1}, kReference), (std::vector<int8_t>{23}));
}

TEST_P(ActivationInt8Test, TanhKnownValuesAndTiesOfBothSigns) {
  // tanh(+-1) * 128 = +-97.48; tanh(63.5) saturates to 127 (128 is out of range).
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::TANH, {0.5f, 0}, kTanhOut, {-128, -2, 0, 2, 127}, arithmetic),
              (std::vector<int8_t>{-128, -97, 0, 97, 127}));
  // tanh(+-scale) = +-129/256 exactly in float32: +-64.5.
  const Q tie = {0.5545281171798706f, 0};
  EXPECT_EQ(run(BO::TANH, tie, kTanhOut, {-1, 1}, kRuntime), (std::vector<int8_t>{-64, 64}));
  EXPECT_EQ(run(BO::TANH, tie, kTanhOut, {-1, 1}, kReference), (std::vector<int8_t>{-65, 65}));
}

TEST_P(ActivationInt8Test, HardSwishKnownValues) {
  // Scale 1/8 in and out: x * relu6(x + 3) / 6 at -16, -8, -1/8, 1/8, 1, 2, 3 (in eighths):
  // -2.67, -2.67, -0.48, 0.52, 5.33, 13.3, 24; below -3 it is 0 and 127 saturates.
  const std::vector<int8_t> x = {-128, -24, -16, -8, -1, 0, 1, 8, 16, 24, 127};
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::HARD_SWISH, {0.125f, 0}, {0.125f, 0}, x, arithmetic),
              (std::vector<int8_t>{0, 0, -3, -3, 0, 0, 1, 5, 13, 24, 127}));
}

TEST_P(ActivationInt8Test, LeakyReluRuntimeUsesXnnpackEightBitMultipliers) {
  // alpha 0.25 at equal scales: XNNPACK's multipliers 256 and 64 with one rounding shift give
  // -2 -> 0 and -6 -> -1; TFLite's double rounding gives -1 and -2 (ties away from zero).
  const std::vector<int8_t> x = {-128, -6, -3, -2, 0, 5, 127};
  EXPECT_EQ(run(BO::LEAKY_RELU, {0.5f, 0}, {0.5f, 0}, x, kRuntime, 0.25f),
            (std::vector<int8_t>{-32, -1, -1, 0, 0, 5, 127}));
  EXPECT_EQ(run(BO::LEAKY_RELU, {0.5f, 0}, {0.5f, 0}, x, kReference, 0.25f),
            (std::vector<int8_t>{-32, -2, -1, -1, 0, 5, 127}));
}

TEST_P(ActivationInt8Test, LeakyReluSlopeBelowXnnpackRangeRunsTflite) {
  // A negative scale ratio of 0.003 (< 2^-8) is left to TFLite's kernel: -160 * 0.003 = -0.48
  // rounds to 0 (XNNPACK's multiplier 1 would give -1).
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::LEAKY_RELU, {1.0f, 127}, {1.0f, 0}, {-128, -33, 127}, arithmetic, 0.003f),
              (std::vector<int8_t>{-1, 0, 0}));
}

testing::OpBuilder prelu_model(Q alpha_q, bool per_axis_alpha = false) {
  testing::OpBuilder b;
  const int x = b.input({1, 1, 2, 2}, ElementType::kInt8);
  set_quant(b.at(x), {0.5f}, {0});
  const int alpha = b.constant({1, 1, 2}, std::vector<int8_t>{2, -4});
  if (per_axis_alpha)
    set_quant(b.at(alpha), {alpha_q.scale, alpha_q.scale}, {0, 0}, 2);
  else
    set_quant(b.at(alpha), {alpha_q.scale}, {alpha_q.zero_point});
  const int y = b.output({}, ElementType::kInt8);
  set_quant(b.at(y), {0.5f}, {0});
  b.op(BO::PRELU, {x, alpha}, {y});
  return b;
}

TEST_P(ActivationInt8Test, PreluBroadcastsAlphaOverChannels) {
  // Alphas 2 * 0.25 = 0.5 and -4 * 0.25 = -1 per channel: -4 -> -2 and 4; positives stay.
  testing::OpBuilder b = prelu_model({0.25f, 0});
  for (arith::Arithmetic arithmetic : {kRuntime, kReference}) {
    OpRun r(b, options_with(arithmetic));
    r.in(0, std::vector<int8_t>{-4, -4, 6, 6}).invoke();
    EXPECT_EQ(r.out<int8_t>(), (std::vector<int8_t>{-2, 4, 6, 6}));
    EXPECT_EQ(r.shape(), (Shape{1, 1, 2, 2}));
  }
}

TEST_P(ActivationInt8Test, SoftmaxKnownValues) {
  // Scale ln 2: rows {1, 0} -> 2/3, 1/3 of 256 -> 171, 85 (minus 128); equal values share 256;
  // a lone element gets 256, saturated to 127.
  testing::OpBuilder pairs = unary(BO::SOFTMAX, {0.6931472f, 0}, kLogisticOut, 2);
  for (arith::Arithmetic arithmetic : {kRuntime, kReference}) {
    EXPECT_EQ(run(pairs, {1, 0}, arithmetic), (std::vector<int8_t>{43, -43}));
    EXPECT_EQ(run(pairs, {-7, -7}, arithmetic), (std::vector<int8_t>{0, 0}));
  }
  testing::OpBuilder lone = unary(BO::SOFTMAX, {0.1f, 0}, kLogisticOut, 1);
  EXPECT_EQ(run(lone, {5}, kRuntime), (std::vector<int8_t>{127}));
}

TEST_P(ActivationInt8Test, SoftmaxReferenceFixedPointIsWithinOneOfTheRuntimeTable) {
  // TFLite's fixed-point reference and its float32 table approximate the same probabilities to
  // far better than one step: on random rows they differ by at most one step (a wrong exponential
  // or reciprocal would show as larger errors).
  testing::Random random(7);
  std::vector<int8_t> x(40 * 24);
  for (int8_t& v : x) v = static_cast<int8_t>(static_cast<int>(random.next() % 256) - 128);
  for (float beta : {1.0f, 0.3f}) {
    testing::OpBuilder b = unary(BO::SOFTMAX, {0.07f, 3}, kLogisticOut, 24, 0.0f, beta);
    b.at(0).shape = {40, 24};
    const std::vector<int8_t> runtime = run(b, x, kRuntime);
    const std::vector<int8_t> reference = run(b, x, kReference);
    ASSERT_EQ(runtime.size(), reference.size());
    for (size_t i = 0; i < runtime.size(); ++i)
      EXPECT_LE(std::abs(runtime[i] - reference[i]), 1) << "element " << i;
  }
}

TEST_P(ActivationInt8Test, RsqrtKnownValuesAndNegativeInputs) {
  // Input scale 1/64 (zero point -128), output 1/16: 1 / sqrt((x + 128) / 64) * 16 = 128 / sqrt(v)
  // for v = x + 128: v = 1, 4, 16, 64 -> 128, 64, 32, 16 (minus 128); v = 0 gives 127.
  for (arith::Arithmetic arithmetic : {kRuntime, kReference})
    EXPECT_EQ(run(BO::RSQRT, {1.0f / 64, -128}, {1.0f / 16, -128}, {-128, -127, -124, -112, -64},
                  arithmetic),
              (std::vector<int8_t>{127, 0, -64, -96, -112}));
  testing::OpBuilder b = unary(BO::RSQRT, {0.1f, 0}, {0.1f, 0}, 2);
  try {
    OpRun(b, options()).in(0, std::vector<int8_t>{3, -1}).invoke();
    ADD_FAILURE() << "expected an error for a negative input";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("RSQRT"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("below the zero point"), std::string::npos) << e.what();
  }
}

TEST_P(ActivationInt8Test, FixedOutputParametersAreRequired) {
  for (BuiltinOperator op : {BO::LOGISTIC, BO::SOFTMAX, BO::TANH}) {
    testing::OpBuilder b = unary(op, {0.1f, 0}, {0.1f, 0}, 4);
    testing::expect_error(b,
                          {tflite::EnumNameBuiltinOperator(op), "output 't1'",
                           "the op's fixed int8 output parameters"},
                          options());
  }
}

TEST_P(ActivationInt8Test, PerAxisOrOutOfRangeParametersAreRefused) {
  for (BuiltinOperator op : {BO::RELU, BO::RELU6, BO::RELU_N1_TO_1, BO::LEAKY_RELU, BO::LOGISTIC,
                             BO::TANH, BO::HARD_SWISH, BO::SOFTMAX, BO::RSQRT}) {
    const std::string name = tflite::EnumNameBuiltinOperator(op);
    const Q out = op == BO::TANH ? kTanhOut : kLogisticOut;
    testing::OpBuilder per_axis = unary(op, {0.1f, 0}, out, 2, 0.1f);
    set_quant(per_axis.at(0), {0.1f, 0.2f}, {0, 0}, 1);
    testing::expect_error(per_axis, {name, "input 't0'", "expected one (per-tensor quantization)"},
                          options());
    testing::OpBuilder zero_point = unary(op, {0.1f, 200}, out, 2, 0.1f);
    testing::expect_error(zero_point, {name, "input 't0'", "outside the int8 range"}, options());
  }
  testing::OpBuilder b = prelu_model({0.25f, 0}, true);
  testing::expect_error(b, {"PRELU", "alpha 't1'", "expected one (per-tensor quantization)"},
                        options());
}

TEST_P(ActivationInt8Test, ScaleRatiosThatOverflowAreRefused) {
  for (BuiltinOperator op : {BO::RELU, BO::LEAKY_RELU, BO::HARD_SWISH}) {
    testing::OpBuilder b = unary(op, {1e30f, 0}, {1e-30f, 0}, 2, 0.5f);
    testing::expect_error(b, {tflite::EnumNameBuiltinOperator(op), "expected a finite value"},
                          options());
  }
  // RSQRT: sqrt(si) * so underflows to 0.
  testing::OpBuilder rsqrt = unary(BO::RSQRT, {1e-38f, 0}, {1e-38f, 0}, 2);
  testing::expect_error(rsqrt, {"RSQRT", "expected a finite value"}, options());
  testing::OpBuilder b = unary(BO::LEAKY_RELU, {0.5f, 0}, {0.5f, 0}, 2, std::nanf(""));
  testing::expect_error(b, {"LEAKY_RELU", "expected a finite value"}, options());
}

TEST_P(ActivationInt8Test, HardSwishRefusesAnOutputScaleBelowInputScaleOver128) {
  testing::OpBuilder b = unary(BO::HARD_SWISH, {1.0f, 0}, {0.001f, 0}, 4);
  testing::expect_error(b, {"HARD_SWISH", "output 't1'", "expected more than input scale / 128"},
                        options());
}

LQ_INSTANTIATE_KERNEL_TEST(ActivationInt8Test);

}  // namespace
}  // namespace lq
