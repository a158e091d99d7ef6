// The litequant command end to end: exit codes, one-line errors, files written.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <nlohmann/json.hpp>

#include "io/npy.h"
#include "io/tflite_writer.h"
#include "testing/cli_runner.h"
#include "testing/onnx_builder.h"
#include "testing/op_builder.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using Result = testing::CliResult;

Result litequant(const std::string& args) { return testing::run_litequant(args); }

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(LQ_TEST_WORK_DIR) / "cli" /
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // y = relu6(x + c)
    testing::OpBuilder b;
    const int x = b.input({1, 3});
    const int c = b.constant<float>({1, 3}, {1, 2, 3});
    const int y = b.output({1, 3});
    tflite::AddOptionsT options;
    options.fused_activation_function = tflite::ActivationFunctionType::RELU6;
    b.op(tflite::BuiltinOperator::ADD, {x, c}, {y}, options);
    io::write_tflite(b.model(), model());
  }
  std::string model() const { return (dir_ / "add.tflite").string(); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  void write_input(const std::string& name, ElementType type, Shape shape, const std::vector<float>& v) {
    io::Array a{type, std::move(shape), {}};
    const auto* bytes = reinterpret_cast<const uint8_t*>(v.data());
    a.data.assign(bytes, bytes + v.size() * sizeof(float));
    if (type != ElementType::kFloat32) a.data.resize(static_cast<size_t>(a.elements()) * element_size(type));
    io::write_npy(path(name), a);
  }
  fs::path dir_;
};

TEST_F(Cli, InspectShowsOpsAndRunnability) {
  const Result r = litequant("inspect " + model());
  EXPECT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("ADD x1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("interpreter: can run every op"), std::string::npos) << r.out;
  const Result j = litequant("inspect --json " + model());
  EXPECT_EQ(j.code, 0);
  EXPECT_NE(j.out.find("\"runnable\": true"), std::string::npos) << j.out;
}

TEST_F(Cli, RunWritesOutputsInModelOrder) {
  write_input("x.npy", ElementType::kFloat32, {1, 3}, {-5, 0.5f, 9});
  const Result r = litequant("run " + model() + " --input " + path("x.npy") + " --output-dir " + path("out"));
  ASSERT_EQ(r.code, 0) << r.out;
  const io::Array y = io::read_npy(path("out/output_0.npy"));
  EXPECT_EQ(y.shape, (Shape{1, 3}));
  EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + 3), (std::vector<float>{0, 2.5f, 6}));
}

TEST_F(Cli, DtypeMismatchIsAOneLineError) {
  write_input("x.npy", ElementType::kInt32, {1, 3}, {1, 2, 3});
  const Result r = litequant("run " + model() + " --input " + path("x.npy") + " --output-dir " + path("out"));
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;  // exactly one line
  EXPECT_NE(r.out.find("x.npy: dtype int32, but model input 0 ('t0') is float32"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(path("out/output_0.npy")));
}

TEST_F(Cli, ShapeMismatchNamesTheInput) {
  write_input("x.npy", ElementType::kFloat32, {1, 4}, {1, 2, 3, 4});
  const Result r = litequant("run " + model() + " --input " + path("x.npy"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("x.npy: shape 1x4, but model input 0 ('t0') has shape 1x3"), std::string::npos)
      << r.out;
}

TEST_F(Cli, MalformedModelIsAOneLineError) {
  std::FILE* f = std::fopen(path("bad.tflite").c_str(), "wb");
  std::fputs("this is not a model", f);
  std::fclose(f);
  const Result r = litequant("inspect " + path("bad.tflite"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("bad.tflite: not a .tflite file"), std::string::npos) << r.out;
}

TEST_F(Cli, UnknownOpsAreListedByInspectAndRefusedByRun) {
  testing::OpBuilder b;
  const int x = b.input({4});
  const int y = b.output({4});
  b.custom_op("MyCustomOp", {x}, {y});
  io::write_tflite(b.model(), path("custom.tflite"));
  const Result i = litequant("inspect " + path("custom.tflite"));
  EXPECT_EQ(i.code, 0);
  EXPECT_NE(i.out.find("op 0 MyCustomOp (float32)"), std::string::npos) << i.out;
  write_input("x.npy", ElementType::kFloat32, {4}, {1, 2, 3, 4});
  const Result r = litequant("run " + path("custom.tflite") + " --input " + path("x.npy"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("no kernel for 1 op(s): op 0 MyCustomOp (float32)"), std::string::npos) << r.out;
}

TEST_F(Cli, HelpExistsForEveryCommand) {
  for (const char* command : {"--help", "inspect --help", "run --help", "convert --help", "quantize --help",
                              "check --help"}) {
    const Result r = litequant(command);
    EXPECT_EQ(r.code, 0) << command;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << command << ": " << r.out;
  }
}

// x [n, 3, 2] -> Relu -> Flatten -> y [n, 6]; `op` replaces Relu to make an unsupported model.
std::string relu_flatten_onnx(const std::string& file, const std::string& op = "Relu",
                              testing::OnnxDim batch = std::string("n")) {
  testing::OnnxBuilder b;
  b.input("x", {batch, 3, 2});
  b.node(op, {"x"}, {"r"});
  b.node("Flatten", {"r"}, {"y"});
  b.output("y");
  return b.save(file);
}

TEST_F(Cli, ConvertWritesATfliteFileThatRunsLikeTheOnnxFile) {
  const std::string onnx = relu_flatten_onnx("lq_cli_relu.onnx");
  const Result c = litequant("convert " + onnx + " -o " + path("m.tflite"));
  ASSERT_EQ(c.code, 0) << c.out;
  EXPECT_NE(c.out.find("RELU 1"), std::string::npos) << c.out;
  write_input("x.npy", ElementType::kFloat32, {1, 3, 2}, {-1, 2, -3, 4, -5, 6});
  for (const std::string& model : {path("m.tflite"), onnx}) {
    const Result r = litequant("run " + model + " --input " + path("x.npy") + " --output-dir " + path("out"));
    ASSERT_EQ(r.code, 0) << r.out;
    const io::Array y = io::read_npy(path("out/output_0.npy"));
    EXPECT_EQ(y.shape, (Shape{1, 6}));
    EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + 6), (std::vector<float>{0, 2, 0, 4, 0, 6}));
  }
  const Result i = litequant("inspect " + onnx);
  EXPECT_EQ(i.code, 0) << i.out;
  EXPECT_NE(i.out.find("x  float32 [?,3,2]  (dynamic dimension 0; runs with [1,3,2])"), std::string::npos) << i.out;
}

TEST_F(Cli, ConvertRefusesUnsupportedOpsAndWritesNothing) {
  const std::string onnx = relu_flatten_onnx("lq_cli_unsupported.onnx", "NotAnOnnxOp");
  const Result c = litequant("convert " + onnx + " -o " + path("m.tflite"));
  EXPECT_EQ(c.code, 1);
  EXPECT_NE(c.out.find("NotAnOnnxOp 'r' (opset 13)"), std::string::npos) << c.out;
  EXPECT_FALSE(fs::exists(path("m.tflite")));
}

TEST_F(Cli, ConvertTakesInputShapesForDynamicDimensions) {
  testing::OnnxBuilder b;
  b.input("x", {1, std::string("len"), 2});
  b.node("Relu", {"x"}, {"y"});
  b.output("y");
  const std::string dynamic = b.save("lq_cli_len.onnx");
  const Result missing = litequant("convert " + dynamic + " -o " + path("m.tflite"));
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.out.find("--input-shape x="), std::string::npos) << missing.out;
  const Result given = litequant("convert " + dynamic + " -o " + path("m.tflite") + " --input-shape x=1x5x2");
  EXPECT_EQ(given.code, 0) << given.out;
  const Result wrong = litequant("inspect " + path("m.tflite") + " --input-shape x=1x5x2");
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.out.find("apply to .onnx models only"), std::string::npos) << wrong.out;
}

TEST_F(Cli, QuantizeFloat16WritesAModelThatRunsAndReportsWhatItDid) {
  const Result q = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode float16");
  ASSERT_EQ(q.code, 0) << q.out;
  for (const char* line : {"ops quantized:  1 (ADD 1)", "ops left float: 0", "model size: ",
                           "calibration samples: 0", "time: "})
    EXPECT_NE(q.out.find(line), std::string::npos) << line << " missing from\n" << q.out;
  const Result i = litequant("inspect " + path("q.tflite"));
  EXPECT_NE(i.out.find("DEQUANTIZE x1"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("float16=6"), std::string::npos) << i.out;
  write_input("x.npy", ElementType::kFloat32, {1, 3}, {-5, 0.5f, 9});
  const Result r = litequant("run " + path("q.tflite") + " --input " + path("x.npy") + " --output-dir " + path("out"));
  ASSERT_EQ(r.code, 0) << r.out;
  const io::Array y = io::read_npy(path("out/output_0.npy"));
  EXPECT_EQ(std::vector<float>(y.as<float>(), y.as<float>() + 3), (std::vector<float>{0, 2.5f, 6}));
}

TEST_F(Cli, QuantizeRefusesUnknownModesAndMissingOrUnneededDataAndWritesNothing) {
  const Result unknown = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode int4");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.out.find("unknown quantization mode 'int4'"), std::string::npos) << unknown.out;
  const Result no_data = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode int8");
  EXPECT_EQ(no_data.code, 1);
  EXPECT_NE(no_data.out.find("--mode int8 needs calibration data: --data PATH"), std::string::npos) << no_data.out;
  write_input("x.npy", ElementType::kFloat32, {2, 1, 3}, {1, 2, 3, 4, 5, 6});
  const Result extra = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode float16 --data " +
                                 path("x.npy"));
  EXPECT_EQ(extra.code, 1);
  EXPECT_NE(extra.out.find("--mode float16 takes no calibration data"), std::string::npos) << extra.out;
  const Result type = litequant("quantize " + model() + " -o " + path("q.tflite") +
                                " --mode float16 --input-type int8");
  EXPECT_EQ(type.code, 1);
  EXPECT_NE(type.out.find("--input-type int8 does not go with --mode float16"), std::string::npos) << type.out;
  write_input("wrong.npy", ElementType::kFloat32, {2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  const Result shape = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode int8 --data " +
                                 path("wrong.npy"));
  EXPECT_EQ(shape.code, 1);
  EXPECT_NE(shape.out.find("wrong.npy"), std::string::npos) << shape.out;
  EXPECT_FALSE(fs::exists(path("q.tflite")));
}

TEST_F(Cli, QuantizeInt8CalibratesOnDataAndWritesAModelThatPassesCheck) {
  std::vector<float> samples;
  for (int i = 0; i < 30; ++i) samples.push_back(static_cast<float>(i % 7) - 3.0f);
  write_input("x.npy", ElementType::kFloat32, {10, 1, 3}, samples);
  const Result q = litequant("quantize " + model() + " -o " + path("q.tflite") + " --mode int8 --data " +
                             path("x.npy") + " --samples 6 --seed 3 --input-type uint8 --output-type int8");
  ASSERT_EQ(q.code, 0) << q.out;
  for (const char* line : {"ops quantized:  1 (ADD 1)", "ops left float: 0", "calibration samples: 6"})
    EXPECT_NE(q.out.find(line), std::string::npos) << line << " missing from\n" << q.out;
  const Result c = litequant("check " + path("q.tflite"));
  EXPECT_EQ(c.code, 0) << c.out;
  const Result i = litequant("inspect " + path("q.tflite"));
  EXPECT_NE(i.out.find("uint8 [1,3]"), std::string::npos) << i.out;
  EXPECT_NE(i.out.find("int8 [1,3]"), std::string::npos) << i.out;
}

TEST_F(Cli, OpsListsWhatEachModeDoesWithEachOp) {
  const Result text = litequant("ops");
  ASSERT_EQ(text.code, 0) << text.out;
  EXPECT_NE(text.out.find("int8 weights, hybrid"), std::string::npos) << text.out;
  const Result json = litequant("ops --json");
  ASSERT_EQ(json.code, 0) << json.out;
  const nlohmann::json ops = nlohmann::json::parse(json.out);
  std::map<std::string, nlohmann::json> by_name;
  for (const nlohmann::json& op : ops) by_name[op["op"]] = op;
  EXPECT_EQ(by_name.at("CONV_2D")["int8"], "yes");
  EXPECT_EQ(by_name.at("CONV_2D")["dynamic"], "hybrid");
  EXPECT_EQ(by_name.at("DIV")["int8"], "no");  // TFLite has no int8 DIV
  EXPECT_EQ(by_name.at("LOG")["float32"], true);
  EXPECT_EQ(by_name.count("QUANTIZE"), 0u);
}

TEST_F(Cli, QuantizeStrictListsOpsThatWouldStayFloat) {
  testing::OpBuilder b;
  const int x = b.input({1, 3});
  const int two = b.constant<float>({1}, {2});
  const int y = b.output({1, 3});
  b.op(tflite::BuiltinOperator::DIV, {x, two}, {y}, tflite::DivOptionsT{});
  io::write_tflite(b.model(), path("div.tflite"));
  write_input("x.npy", ElementType::kFloat32, {2, 1, 3}, {1, 2, 3, 4, 5, 6});
  const std::string base = "quantize " + path("div.tflite") + " -o " + path("q.tflite") + " --mode int8 --data " +
                           path("x.npy");
  const Result strict = litequant(base + " --strict");
  EXPECT_EQ(strict.code, 1);
  EXPECT_NE(strict.out.find("op 0 DIV"), std::string::npos) << strict.out;
  EXPECT_FALSE(fs::exists(path("q.tflite")));
  const Result loose = litequant(base);
  EXPECT_EQ(loose.code, 0) << loose.out;
  EXPECT_NE(loose.out.find("ops left float: 1 (DIV 1)"), std::string::npos) << loose.out;
}

// An int8 FULLY_CONNECTED whose weight zero point is `weight_zero_point` (the spec requires 0).
void write_int8_fc(const std::string& file, int64_t weight_zero_point) {
  testing::OpBuilder b;
  const int x = b.input({1, 2}, ElementType::kInt8);
  const int w = b.constant<int8_t>({2, 2}, {1, -2, 3, 127});
  const int y = b.output({1, 2}, ElementType::kInt8);
  b.at(x).quant.scale = {0.5f};
  b.at(x).quant.zero_point = {0};
  b.at(w).quant.scale = {0.1f};
  b.at(w).quant.zero_point = {weight_zero_point};
  b.at(y).quant.scale = {1.0f};
  b.at(y).quant.zero_point = {-3};
  b.op(tflite::BuiltinOperator::FULLY_CONNECTED, {x, w, -1}, {y}, tflite::FullyConnectedOptionsT{});
  io::write_tflite(b.model(), file);
}

TEST_F(Cli, CheckListsSpecViolationsAndExitsWithOne) {
  write_int8_fc(path("ok.tflite"), 0);
  const Result ok = litequant("check " + path("ok.tflite"));
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("follows the TFLite quantization spec (no violations)"), std::string::npos) << ok.out;

  write_int8_fc(path("bad.tflite"), 5);
  const Result bad = litequant("check " + path("bad.tflite"));
  EXPECT_EQ(bad.code, 1) << bad.out;
  EXPECT_NE(bad.out.find("op 0 (FULLY_CONNECTED) tensor 't1': weight-zero-point: weights are symmetric: "
                         "expected zero point 0, found 5"),
            std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("1 violation of the TFLite quantization spec"), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("error"), std::string::npos) << bad.out;  // a finding, not an error

  const Result json = litequant("check --json " + path("bad.tflite"));
  EXPECT_EQ(json.code, 1);
  EXPECT_NE(json.out.find("\"kind\": \"weight-zero-point\""), std::string::npos) << json.out;

  const Result help = litequant("check --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("Usage"), std::string::npos) << help.out;

  const Result float_model = litequant("check " + model());
  EXPECT_EQ(float_model.code, 0) << float_model.out;
  EXPECT_NE(float_model.out.find("not quantized"), std::string::npos) << float_model.out;
}

}  // namespace
}  // namespace lq
