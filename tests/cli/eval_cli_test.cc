// `litequant eval` end to end on tiny models whose figures are computed by hand: accuracy from
// labels, agreement / SQNR / cosine / max error against a reference, a quantized model fed with
// quantized float data, the JSON fields, and one-line errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/npy.h"
#include "io/tflite_writer.h"
#include "testing/cli_runner.h"
#include "testing/op_builder.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using testing::run_litequant;

// Four samples of six class scores; the identity model's top-1 is right for samples 0 and 2, its
// top-5 for 0, 1 and 2 (sample 3's label ranks sixth).
const std::vector<float> kScores = {5, 1, 0, 0, 0, 0,  //
                                    0, 3, 2, 1, 0, 0,  //
                                    0, 0, 0, 0, 0, 1,  //
                                    1, 2, 3, 4, 5, 6};
const std::vector<int64_t> kLabels = {0, 2, 5, 0};

template <class T> io::Array array(ElementType type, Shape shape, const std::vector<T>& v) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(v.data());
  return {type, std::move(shape), std::vector<uint8_t>(bytes, bytes + v.size() * sizeof(T))};
}

class EvalCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(LQ_TEST_WORK_DIR) / "eval_cli" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    write_add_model("identity.tflite", {0, 0, 0, 0, 0, 0});
    write_add_model("shifted.tflite", {0, 0, 0, 0, 0, 4});
    io::write_npy(path("x.npy"), array(ElementType::kFloat32, {4, 6}, kScores));
    io::write_npy(path("labels.npy"), array(ElementType::kInt64, {4}, kLabels));
  }

  // y = x + c for x of shape 1x6.
  void write_add_model(const std::string& name, const std::vector<float>& c) {
    testing::OpBuilder b;
    const int x = b.input({1, 6});
    const int k = b.constant<float>({1, 6}, c);
    const int y = b.output({1, 6});
    b.op(tflite::BuiltinOperator::ADD, {x, k}, {y}, tflite::AddOptionsT{});
    io::write_tflite(b.model(), path(name));
  }

  // int8 in, int8 out, both scale 0.5 and zero point -1: QUANTIZE (int8 -> int8) is the identity.
  void write_int8_model(const std::string& name) {
    testing::OpBuilder b;
    const int x = b.input({1, 6}, ElementType::kInt8);
    const int y = b.output({1, 6}, ElementType::kInt8);
    testing::set_quant(b.at(x), {0.5f}, {-1});
    testing::set_quant(b.at(y), {0.5f}, {-1});
    b.op(tflite::BuiltinOperator::QUANTIZE, {x}, {y});
    io::write_tflite(b.model(), path(name));
  }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string data_flags() const {
    return " --data " + path("x.npy") + " --labels " + path("labels.npy");
  }

  fs::path dir_;
};

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(EvalCli, TablePrintsAccuracySizeAndTime) {
  const testing::CliResult r = run_litequant("eval " + path("identity.tflite") + data_flags());
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, "4 samples, labels: " + path("labels.npy"))) << r.out;
  EXPECT_TRUE(contains(r.out, "top-1")) << r.out;
  EXPECT_TRUE(contains(r.out, "50.00%  75.00%")) << r.out;
  EXPECT_TRUE(contains(r.out, std::to_string(fs::file_size(path("identity.tflite"))))) << r.out;
  EXPECT_FALSE(contains(r.out, "against the reference")) << r.out;  // one model: no reference
  EXPECT_FALSE(contains(r.out, "\r")) << r.out;  // no progress bar when stderr is not a terminal
}

TEST_F(EvalCli, JsonComparesWithTheFirstModel) {
  const testing::CliResult r = run_litequant(
      "eval " + path("identity.tflite") + " " + path("shifted.tflite") + data_flags() + " --json",
      true);
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["samples"], 4);
  EXPECT_EQ(j["reference"], 0);
  EXPECT_EQ(j["threads"], 1);
  EXPECT_EQ(j["labels"], path("labels.npy"));
  ASSERT_EQ(j["models"].size(), 2u);
  const nlohmann::json& ref = j["models"][0];
  EXPECT_EQ(ref["reference"], true);
  EXPECT_TRUE(ref["vs_reference"].is_null());
  EXPECT_EQ(ref["size_bytes"], fs::file_size(path("identity.tflite")));
  EXPECT_GE(ref["ms_per_sample"].get<double>(), 0.0);
  EXPECT_EQ(ref["accuracy"]["classes"], 6);
  EXPECT_EQ(ref["accuracy"]["top1_correct"], 2);
  EXPECT_EQ(ref["accuracy"]["top5_correct"], 3);
  EXPECT_DOUBLE_EQ(ref["accuracy"]["top1"].get<double>(), 0.5);
  // shifted = identity + 4 at class 5: sample 1's arg-max moves from 1 to 5; its label 2 now ranks
  // third. sum ref^2 = 132, sum error^2 = 64, sum ref x = 160, sum x^2 = 252.
  const nlohmann::json& m = j["models"][1];
  EXPECT_EQ(m["reference"], false);
  EXPECT_EQ(m["accuracy"]["top1_correct"], 2);
  EXPECT_EQ(m["accuracy"]["top5_correct"], 3);
  ASSERT_EQ(m["vs_reference"].size(), 1u);
  const nlohmann::json& c = m["vs_reference"][0];
  EXPECT_EQ(c["output"], 0);
  EXPECT_EQ(c["name"], "t2");
  EXPECT_EQ(c["agreeing_rows"], 3);
  EXPECT_EQ(c["rows"], 4);
  EXPECT_DOUBLE_EQ(c["agreement"].get<double>(), 0.75);
  EXPECT_NEAR(c["sqnr_db"].get<double>(), 10 * std::log10(132.0 / 64.0), 1e-9);
  EXPECT_NEAR(c["cosine"].get<double>(), 160 / std::sqrt(132.0 * 252.0), 1e-9);
  EXPECT_EQ(c["max_abs_error"], 4.0);
}

TEST_F(EvalCli, TableShowsTheComparison) {
  const testing::CliResult r = run_litequant("eval " + path("shifted.tflite") + data_flags() +
                                             " --reference " + path("identity.tflite"));
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_TRUE(contains(r.out, path("identity.tflite") + " (reference)")) << r.out;
  EXPECT_TRUE(contains(r.out, "against the reference " + path("identity.tflite"))) << r.out;
  // agreement, SQNR, cosine, max |error| of the shifted model
  EXPECT_TRUE(contains(r.out, "0 t2     75.00%       3.14  0.877269            4")) << r.out;
}

TEST_F(EvalCli, ReferenceAmongTheModelsIsNotRunTwice) {
  const std::string same = (dir_ / "." / "identity.tflite").string();  // the same file, spelled so
  const testing::CliResult r =
      run_litequant("eval " + path("shifted.tflite") + " " + path("identity.tflite") + " --data " +
                        path("x.npy") + " --reference " + same + " --json",
                    true);
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["models"].size(), 2u);
  EXPECT_EQ(j["reference"], 1);
  EXPECT_EQ(j["models"][1]["reference"], true);
  EXPECT_EQ(j["models"][0]["vs_reference"][0]["max_abs_error"], 4.0);
}

TEST_F(EvalCli, QuantizedInputsGetQuantizedFloatData) {
  write_int8_model("int8.tflite");
  // 0.25 / 0.5 = 0.5 rounds away from zero to 1, q = 0, back 0.5; -0.25 gives -0.5; 100 clamps to
  // q = 127, back 64. Equal elsewhere.
  io::write_npy(path("q.npy"), array<float>(ElementType::kFloat32, {1, 6}, {0.25f, -0.25f, 100, 1, 2, 3}));
  const testing::CliResult r =
      run_litequant("eval " + path("int8.tflite") + " --data " + path("q.npy") + " --reference " +
                        path("identity.tflite") + " --json",
                    true);
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["reference"], 0);  // the reference comes first when it is not one of the MODELs
  EXPECT_EQ(j["models"][0]["model"], path("identity.tflite"));
  EXPECT_TRUE(j["labels"].is_null());
  EXPECT_TRUE(j["models"][1]["accuracy"].is_null());
  const nlohmann::json& c = j["models"][1]["vs_reference"][0];
  const double ref_sq = 0.0625 * 2 + 10000 + 1 + 4 + 9, err_sq = 0.0625 * 2 + 36 * 36;
  EXPECT_EQ(c["max_abs_error"], 36.0);
  EXPECT_NEAR(c["sqnr_db"].get<double>(), 10 * std::log10(ref_sq / err_sq), 1e-9);
  EXPECT_EQ(c["agreeing_rows"], 1);
}

TEST_F(EvalCli, EqualModelsHaveInfiniteSqnr) {
  const testing::CliResult r = run_litequant(
      "eval " + path("identity.tflite") + " " + path("identity.tflite") + " --data " +
          path("x.npy") + " --json --threads 2",
      true);
  ASSERT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["threads"], 2);
  // The same path twice: the second is compared with the first.
  const nlohmann::json& c = j["models"][1]["vs_reference"][0];
  EXPECT_EQ(c["sqnr_db"], "inf");
  EXPECT_EQ(c["cosine"], 1.0);
  EXPECT_EQ(c["max_abs_error"], 0.0);
}

void expect_one_line_error(const testing::CliResult& r, const std::string& message) {
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
  EXPECT_TRUE(contains(r.out, message)) << "expected '" << message << "' in: " << r.out;
}

TEST_F(EvalCli, ErrorsAreOneLine) {
  io::write_npy(path("three.npy"), array(ElementType::kInt64, {3}, std::vector<int64_t>{0, 1, 2}));
  expect_one_line_error(
      run_litequant("eval " + path("identity.tflite") + " --data " + path("x.npy") +
                    " --labels " + path("three.npy")),
      "three.npy: holds 3 labels for 4 samples in " + path("x.npy"));

  expect_one_line_error(run_litequant("eval " + path("identity.tflite")),
                        "give the evaluation data (--data PATH)");

  std::FILE* f = std::fopen(path("bad.tflite").c_str(), "wb");
  std::fputs("this is not a model", f);
  std::fclose(f);
  expect_one_line_error(run_litequant("eval " + path("bad.tflite") + data_flags()),
                        "bad.tflite: not a .tflite file");

  testing::OpBuilder custom;
  const int x = custom.input({1, 6});
  custom.custom_op("MyCustomOp", {x}, {custom.output({1, 6})});
  io::write_tflite(custom.model(), path("custom.tflite"));
  const testing::CliResult c =
      run_litequant("eval " + path("identity.tflite") + " " + path("custom.tflite") + data_flags());
  expect_one_line_error(c, path("custom.tflite") + ": ");
  EXPECT_TRUE(contains(c.out, "MyCustomOp")) << c.out;

  io::write_npy(path("big.npy"), array(ElementType::kInt64, {4}, std::vector<int64_t>{0, 1, 7, 0}));
  expect_one_line_error(
      run_litequant("eval " + path("identity.tflite") + " --data " + path("x.npy") +
                    " --labels " + path("big.npy")),
      "x.npy: sample 2 has label 7, but " + path("identity.tflite") + " has 6 classes (0 to 5)");

  expect_one_line_error(
      run_litequant("eval " + path("identity.tflite") + data_flags() + " --threads 0"),
      "--threads must be at least 1");
}

}  // namespace
}  // namespace lq
