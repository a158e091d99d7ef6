// Int8 comparisons with constant operands, quantized by litequant and run by LiteRT.js: an all-zero
// constant once made LiteRT.js abort while loading (its own range gave scale 1; TFLite's int8
// comparisons need input scales below 1). The constant now takes the parameters of the activation
// it is compared with (unless it lies beyond the activation's range). Every file must load and run
// in LiteRT.js with every output element equal to litequant's (both arithmetics counted) and to the
// float model's comparison.
#include <gtest/gtest.h>

#include "quant/check.h"
#include "quant/full_integer.h"
#include "testing/oracle_cases.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using Op = tflite::BuiltinOperator;
using T = ElementType;

const std::vector<Op> kComparisons = {Op::GREATER, Op::GREATER_EQUAL, Op::LESS,
                                      Op::LESS_EQUAL, Op::EQUAL, Op::NOT_EQUAL};

// -0.4 .. 0.4 in steps of 0.05 (zeros and 0.1 included), [4, 8].
std::vector<float> samples() {
  std::vector<float> v;
  for (int i = 0; i < 32; ++i) v.push_back(0.05f * static_cast<float>((i * 7) % 17 - 8));
  return v;
}

// x [4, 8] compared by every comparison op with `constant` (shape [8] or a scalar), calibrated on
// samples() and quantized to int8 (float input, bool outputs).
testing::OracleCase compared_with(const std::string& name, Shape shape, const std::vector<float>& constant) {
  testing::OpBuilder b;
  const int x = b.input({4, 8});
  const int k = b.constant<float>(std::move(shape), constant);
  for (const Op op : kComparisons) b.op(op, {x, k}, {b.output({4, 8}, T::kBool)});
  const std::vector<float> in = samples();
  quant::MinMaxCalibrator ranges;
  ranges.observe(0, x, in.data(), static_cast<int64_t>(in.size()));
  testing::OracleCase c;
  c.name = name;
  c.group = "comparison with a constant";
  c.model = b.model();
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kInt8;
  quant::QuantizeReport report;
  quant::quantize_full_integer(c.model, options, ranges, report);
  EXPECT_EQ(report.quantized_ops.size(), kComparisons.size()) << name;
  for (const quant::Violation& v : quant::check_model(c.model).violations)
    ADD_FAILURE() << name << ": " << quant::violation_text(v);
  const auto* bytes = reinterpret_cast<const uint8_t*>(in.data());
  c.inputs.push_back({T::kFloat32, {4, 8}, std::vector<uint8_t>(bytes, bytes + in.size() * sizeof(float))});

  // litequant's integer comparisons equal the float model's on these values (LiteRT.js's are
  // checked against litequant's below).
  const std::vector<io::Array> got = testing::run_litequant_outputs(c, arith::Arithmetic::kRuntime);
  testing::OracleCase float_case = c;
  float_case.model = b.model();
  const std::vector<io::Array> want = testing::run_litequant_outputs(float_case, arith::Arithmetic::kRuntime);
  for (size_t o = 0; o < kComparisons.size(); ++o)
    EXPECT_EQ(testing::differing_elements(got[o], want[o]), 0)
        << name << " " << tflite::EnumNameBuiltinOperator(kComparisons[o]) << " differs from float";
  return c;
}

TEST(ComparisonConstants, AllZeroAndOtherConstantsLoadAndRunInLiteRTEqualToFloat) {
  const std::vector<testing::OracleCase> cases = {
      compared_with("zeros", {8}, std::vector<float>(8, 0.0f)),
      compared_with("scalar_zero", {}, {0.0f}),
      compared_with("scalar_0_1", {}, {0.1f}),
      compared_with("mixed", {8}, {0.0f, 0.1f, -0.1f, 0.25f, -0.4f, 0.4f, 0.05f, -0.05f}),
      // Beyond x's range: the constant keeps parameters of its own.
      compared_with("beyond_range", {8}, {5.0f, -5.0f, 1.0f, -1.0f, 0.0f, 2.0f, -0.6f, 0.6f}),
  };
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / "comparison_constants", cases, "int8 ");
}

}  // namespace
}  // namespace lq
