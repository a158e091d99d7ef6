// The two Fashion-MNIST classifiers quantized in each mode (float16, dynamic, int8 per tensor and
// per channel, int16x8): test accuracy on all 10,000 test images next to PyTorch's figures
// (models/fashion_mnist/README.md), calibrated on the documented seeded subset of 1,000 training
// images. The int8 per-channel drop may exceed PyTorch's by at most 0.1
// point, and the quantized files must give LiteRT.js's outputs exactly on test images.
#include <gtest/gtest.h>

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

double accuracy(const ir::Model& model) {
  data::Dataset test((kData / "t10k-images-idx3-ubyte.gz").string(), data::model_inputs(model),
                     fashion_preprocess(0));
  test.attach_labels((kData / "t10k-labels-idx1-ubyte.gz").string());
  rt::Interpreter interpreter(model);
  int64_t correct = 0;
  for (int64_t i = 0; i < test.size(); ++i) {
    const io::Array input = test.sample(i).at(0);
    interpreter.set_input(0, input.data.data(), input.data.size());
    interpreter.invoke();
    const float* logits = interpreter.output(0).as<float>();
    correct += std::max_element(logits, logits + 10) - logits == test.label(i);
  }
  return 100.0 * static_cast<double>(correct) / static_cast<double>(test.size());
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

TEST_P(FashionMnistQuantized, EveryModeMeasuredInt8DropWithinPyTorchsAndOutputsEqualLiteRT) {
  const fs::path model_path = fs::path(LQ_SOURCE_DIR) / "models" / "fashion_mnist" / (GetParam() + ".onnx");
  ir::Model float_model = frontend::load_model(model_path.string());
  quant::read_as_float(float_model);
  const double float_accuracy = accuracy(float_model);
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kInt8;
  const ir::Model per_channel = quantized(float_model, options);
  const double per_channel_accuracy = accuracy(per_channel);
  options.per_tensor = true;
  const double per_tensor_accuracy = accuracy(quantized(float_model, options));
  options = {};
  options.mode = quant::Mode::kInt16x8;
  const double int16_accuracy = accuracy(quantized(float_model, options));
  ir::Model float16 = float_model, dynamic = float_model;
  quant::quantize(float16, {});
  options = {};
  options.mode = quant::Mode::kDynamic;
  quant::quantize(dynamic, options);
  const PyTorchModes pytorch = pytorch_modes(GetParam());
  std::cout << "[ figure ] " << GetParam() << " top-1 % on 10000 test images (PyTorch in brackets): float "
            << float_accuracy << " (" << pytorch.float_accuracy << "), float16 " << accuracy(float16)
            << ", dynamic " << accuracy(dynamic) << " (" << pytorch.dynamic << "), int8 per-tensor "
            << per_tensor_accuracy << " (" << pytorch.per_tensor << "), int8 per-channel " << per_channel_accuracy
            << " (" << pytorch.per_channel << "), int16x8 " << int16_accuracy << std::endl;
  EXPECT_LE(float_accuracy - per_channel_accuracy, pytorch.float_accuracy - pytorch.per_channel + 0.1 + 1e-9);
  const fs::path dir = fs::path(LQ_TEST_WORK_DIR) / "fashion_mnist_quantized" / GetParam();
  expect_equal_to_litert(per_channel, dir / "int8");
}

INSTANTIATE_TEST_SUITE_P(Models, FashionMnistQuantized, ::testing::Values("fmnist_cnn", "fmnist_mobilenet"));

}  // namespace
}  // namespace lq
