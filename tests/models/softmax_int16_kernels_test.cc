// SOFTMAX 16x8 on hand-made one-op models run by litequant and by LiteRT.js: every output element
// must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime); how many differ under
// kTfliteReference is printed too. Rows of 1 to 300 elements, input scales that put the row spread
// inside and far outside the exp table's [-10, 0], betas of 1, 0.5 and 2.
#include <gtest/gtest.h>

#include "testing/oracle_cases.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

testing::OracleCase softmax(std::string name, Shape shape, float input_scale, float beta,
                            int64_t lo, int64_t hi, uint64_t seed) {
  testing::Random random(seed);
  testing::OpBuilder b;
  const int in = b.input(shape, ElementType::kInt16);
  testing::set_quant(b.at(in), {input_scale}, {0});
  const int out = b.output({}, ElementType::kInt16);
  testing::set_quant(b.at(out), {1.0f / 32768}, {0});
  tflite::SoftmaxOptionsT o;
  o.beta = beta;
  b.op(tflite::BuiltinOperator::SOFTMAX, {in}, {out}, o);

  testing::OracleCase c;
  c.name = std::move(name);
  c.group = "16x8 SOFTMAX";
  c.model = b.model();
  testing::record_planned_output_shapes(c.model);
  c.inputs.push_back(testing::to_array(
      ElementType::kInt16, shape,
      testing::uniform_ints<int16_t>(random, num_elements(shape), lo, hi)));
  return c;
}

TEST(SoftmaxInt16Kernels, EqualsLiteRT) {
  testing::expect_equal_to_litert(
      fs::path(LQ_TEST_WORK_DIR) / "softmax_int16",
      {
          softmax("rows_10_scale_1e-3", {40, 10}, 1e-3f, 1.0f, -32768, 32767, 1),
          softmax("rows_100_scale_1e-4", {8, 100}, 1e-4f, 1.0f, -32768, 32767, 2),
          softmax("rows_300_narrow", {3, 300}, 2e-4f, 1.0f, -8000, 8000, 3),
          softmax("4d_rows_7_beta_half", {2, 3, 4, 7}, 5e-4f, 0.5f, -32768, 32767, 4),
          softmax("rows_16_beta_2", {20, 16}, 3e-5f, 2.0f, -32768, 32767, 5),
          softmax("rows_1", {50, 1}, 1e-3f, 1.0f, -32768, 32767, 6),
          softmax("rows_5_scale_pow2", {60, 5}, 1.0f / 4096, 1.0f, -32768, 32767, 7),
          softmax("1d_64", {64}, 3.0517578e-4f, 1.0f, -32768, 32767, 8),
      },
      "");
}

}  // namespace
}  // namespace lq
