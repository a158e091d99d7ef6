// The two Fashion-MNIST classifiers quantized in each mode (float16, dynamic, int8 per tensor and
// per channel, int16x8): test accuracy on all 10,000 test images next to PyTorch's figures
// (models/fashion_mnist/README.md), calibrated on the documented seeded subset of 1,000 training
// images, measured by `litequant eval`'s analysis (the float model's top-1 must be the README's
// figure). The int8 per-channel drop may exceed PyTorch's by at most 0.1 point, and the quantized
// files must give LiteRT.js's outputs exactly on test images.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/evaluate.h"
#include "data/dataset.h"
#include "frontend/load_model.h"
#include "io/idx.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/calibration.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

const fs::path kData = "/usr/share/datasets/fashion-mnist";
constexpr int64_t kCalibrationSamples = 1000;
constexpr int kOracleImages = 100;  // test images also run in LiteRT.js (one job each)

data::Preprocess fashion_preprocess(int64_t samples) {
  data::Preprocess pre;
  pre.scale = 1.0f / 255.0f;
  pre.mean = {0.2860f};
  pre.std = {0.3530f};
  pre.samples = samples;
  pre.seed = 0;
  return pre;
}

ir::Model quantized(const ir::Model& float_model, quant::QuantizeOptions options) {
  ir::Model model = float_model;
  quant::MinMaxCalibrator calibrator;
  data::Dataset train((kData / "train-images-idx3-ubyte.gz").string(), data::model_inputs(model),
                      fashion_preprocess(kCalibrationSamples));
  options.calibration_samples = quant::calibrate(model, train, calibrator);
  options.calibration = &calibrator;
  quant::quantize(model, options);
  return model;
}

// Runs the written file in LiteRT.js on the first test images; every output element must equal
// litequant's.
void expect_equal_to_litert(const ir::Model& model, const fs::path& dir) {
  fs::create_directories(dir);
  io::write_tflite(model, dir / "model.tflite");
  const ir::Model written = io::read_tflite(dir / "model.tflite");
  data::Dataset test((kData / "t10k-images-idx3-ubyte.gz").string(), data::model_inputs(written),
                     fashion_preprocess(0));
  nlohmann::json jobs = nlohmann::json::array();
  std::vector<io::Array> inputs;
  for (int i = 0; i < kOracleImages; ++i) {
    inputs.push_back(test.sample(i).at(0));
    const fs::path input = dir / cat("input_", i, ".npy");
    io::write_npy(input, inputs.back());
    jobs.push_back({{"model", dir / "model.tflite"}, {"inputs", {input.string()}}, {"output_dir", dir / cat("out_", i)}});
  }
  ASSERT_TRUE(testing::run_oracle("litert_run.mjs", jobs, dir / "jobs.json"));
  rt::Interpreter interpreter(written);
  int64_t differ = 0;
  for (int i = 0; i < kOracleImages; ++i) {
    interpreter.set_input(0, inputs[static_cast<size_t>(i)].data.data(), inputs[static_cast<size_t>(i)].data.size());
    interpreter.invoke();
    const io::Array theirs = io::read_npy(dir / cat("out_", i) / "output_0.npy");
    ASSERT_EQ(theirs.data.size(), interpreter.output(0).bytes);
    const float* ours = interpreter.output(0).as<float>();
    for (int64_t k = 0; k < theirs.elements(); ++k) differ += ours[k] != theirs.as<float>()[k];
  }
  EXPECT_EQ(differ, 0) << "output elements differing from LiteRT.js on " << kOracleImages << " test images";
}

class FashionMnistQuantized : public ::testing::TestWithParam<std::string> {};

// PyTorch's figures for the modes it has (models/fashion_mnist/README.md).
struct PyTorchModes {
  double float_accuracy, per_tensor, per_channel, dynamic;
};
PyTorchModes pytorch_modes(const std::string& model) {
  return model == "fmnist_cnn" ? PyTorchModes{90.20, 90.12, 90.15, 90.18} : PyTorchModes{90.54, 90.27, 90.29, 90.53};
}

// The six models through `litequant eval`'s analysis in one pass over the test images, the float
// model as reference.
analysis::EvalResult evaluate_modes(const std::vector<analysis::EvalModel>& models) {
  analysis::EvalData data;
  data.path = (kData / "t10k-images-idx3-ubyte.gz").string();
  data.labels = (kData / "t10k-labels-idx1-ubyte.gz").string();
  data.pre = fashion_preprocess(0);
  analysis::EvalOptions options;
  options.reference = 0;
  return analysis::evaluate(models, data, options);
}

TEST_P(FashionMnistQuantized, EveryModeMeasuredInt8DropWithinPyTorchsAndOutputsEqualLiteRT) {
  const fs::path model_path = fs::path(LQ_SOURCE_DIR) / "models" / "fashion_mnist" / (GetParam() + ".onnx");
  ir::Model float_model = frontend::load_model(model_path.string());
  quant::read_as_float(float_model);
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kInt8;
  const ir::Model per_channel = quantized(float_model, options);
  options.per_tensor = true;
  const ir::Model per_tensor = quantized(float_model, options);
  options = {};
  options.mode = quant::Mode::kInt16x8;
  const ir::Model int16x8 = quantized(float_model, options);
  ir::Model float16 = float_model, dynamic = float_model;
  quant::quantize(float16, {});
  options = {};
  options.mode = quant::Mode::kDynamic;
  quant::quantize(dynamic, options);

  const std::vector<std::string> modes = {"float",    "float16",         "dynamic",
                                          "int8 per-tensor", "int8 per-channel", "int16x8"};
  const analysis::EvalResult result = evaluate_modes(
      {{model_path.string(), &float_model, fs::file_size(model_path)},
       {"float16", &float16, 0}, {"dynamic", &dynamic, 0}, {"per_tensor", &per_tensor, 0},
       {"per_channel", &per_channel, 0}, {"int16x8", &int16x8, 0}});
  ASSERT_EQ(result.samples, 10000);
  ASSERT_EQ(result.models.size(), modes.size());
  std::vector<double> top1;
  for (const analysis::ModelResult& m : result.models) {
    ASSERT_TRUE(m.accuracy.has_value());
    EXPECT_EQ(m.classes, 10);
    EXPECT_GT(m.accuracy->top5_correct(), m.accuracy->top1_correct());
    EXPECT_GT(m.ms_per_sample, 0.0);
    top1.push_back(100.0 * m.accuracy->top1());
  }
  const PyTorchModes pytorch = pytorch_modes(GetParam());
  // litequant's float model is ONNX Runtime's (fashion_mnist_test.cc): PyTorch's figure exactly.
  EXPECT_EQ(result.models[0].accuracy->top1_correct(),
            static_cast<int64_t>(std::lround(pytorch.float_accuracy * 100)));
  std::cout << "[ figure ] " << GetParam() << " top-1 % on 10000 test images (PyTorch in brackets): float "
            << top1[0] << " (" << pytorch.float_accuracy << "), float16 " << top1[1] << ", dynamic "
            << top1[2] << " (" << pytorch.dynamic << "), int8 per-tensor " << top1[3] << " ("
            << pytorch.per_tensor << "), int8 per-channel " << top1[4] << " (" << pytorch.per_channel
            << "), int16x8 " << top1[5] << "; float top-5 " << 100.0 * result.models[0].accuracy->top5()
            << ", " << result.models[0].ms_per_sample << " ms per image" << std::endl;
  for (size_t k = 1; k < modes.size(); ++k) {
    const analysis::OutputComparison& c = result.models[k].vs_reference.at(0);
    std::cout << "[ figure ] " << GetParam() << " " << modes[k] << " vs float: agreement "
              << 100.0 * c.agreement.rate() << "%, logits SQNR " << c.error.sqnr_db() << " dB"
              << std::endl;
  }
  EXPECT_LE(top1[0] - top1[4], pytorch.float_accuracy - pytorch.per_channel + 0.1 + 1e-9);
  const fs::path dir = fs::path(LQ_TEST_WORK_DIR) / "fashion_mnist_quantized" / GetParam();
  expect_equal_to_litert(per_channel, dir / "int8");
}

INSTANTIATE_TEST_SUITE_P(Models, FashionMnistQuantized, ::testing::Values("fmnist_cnn", "fmnist_mobilenet"));

}  // namespace
}  // namespace lq
