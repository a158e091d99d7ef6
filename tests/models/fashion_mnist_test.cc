// The two Fashion-MNIST classifiers (models/fashion_mnist, trained with PyTorch, exported to ONNX):
// converted by litequant, they must give ONNX Runtime's arg-max on every one of the 10,000 test
// images of Debian's dataset-fashion-mnist. Their accuracy is printed as a figure.
#include <gtest/gtest.h>

#include "frontend/onnx/onnx_import.h"
#include "io/idx.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

const fs::path kData = "/usr/share/datasets/fashion-mnist";

// The images as the models' README prescribes: pixel / 255, then (value - 0.2860) / 0.3530; NCHW.
io::Array test_images() {
  const io::Array raw = io::read_idx(kData / "t10k-images-idx3-ubyte.gz");
  io::Array a{ElementType::kFloat32, {raw.shape[0], 1, raw.shape[1], raw.shape[2]},
              std::vector<uint8_t>(static_cast<size_t>(raw.elements()) * 4)};
  for (int64_t i = 0; i < raw.elements(); ++i)
    a.as<float>()[i] = (raw.as<uint8_t>()[i] / 255.0f - 0.2860f) / 0.3530f;
  return a;
}

int64_t argmax(const float* v, int64_t n) { return std::max_element(v, v + n) - v; }

class FashionMnist : public ::testing::TestWithParam<std::string> {};

TEST_P(FashionMnist, ArgmaxEqualsOnnxRuntimeOnAllTestImages) {
  const fs::path model_path = fs::path(LQ_SOURCE_DIR) / "models" / "fashion_mnist" / (GetParam() + ".onnx");
  const fs::path dir = fs::path(LQ_TEST_WORK_DIR) / "fashion_mnist" / GetParam();
  fs::create_directories(dir);
  const io::Array images = test_images();
  const io::Array labels = io::read_idx(kData / "t10k-labels-idx1-ubyte.gz");
  ASSERT_EQ(images.shape[0], 10000);
  io::write_npy(dir / "images.npy", images);
  nlohmann::json jobs = nlohmann::json::array();
  jobs.push_back({{"model", model_path}, {"inputs", {(dir / "images.npy").string()}}, {"output_dir", dir / "ort"}});
  ASSERT_TRUE(testing::run_oracle("ort_run.mjs", jobs, dir / "jobs.json"));
  const io::Array ort = io::read_npy(dir / "ort" / "output_0.npy");
  ASSERT_EQ(ort.shape, (Shape{10000, 10}));

  const ir::Model model = frontend::import_onnx(model_path);
  rt::Interpreter interpreter(model);
  const int64_t pixels = 28 * 28;
  int agree = 0, correct = 0, ort_correct = 0;
  for (int64_t i = 0; i < 10000; ++i) {
    // The converted model takes NHWC; with one channel that is the same bytes as NCHW.
    interpreter.set_input(0, images.as<float>() + i * pixels, pixels * sizeof(float));
    interpreter.invoke();
    const int64_t ours = argmax(interpreter.output(0).as<float>(), 10);
    const int64_t theirs = argmax(ort.as<float>() + i * 10, 10);
    agree += ours == theirs;
    correct += ours == labels.as<uint8_t>()[i];
    ort_correct += theirs == labels.as<uint8_t>()[i];
  }
  EXPECT_EQ(agree, 10000);
  std::cout << "[ figure ] " << GetParam() << ": arg-max equal to ONNX Runtime on " << agree
            << " of 10000 test images; accuracy litequant " << correct / 100.0 << "%, ONNX Runtime "
            << ort_correct / 100.0 << "%" << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Models, FashionMnist, ::testing::Values("fmnist_cnn", "fmnist_mobilenet"));

}  // namespace
}  // namespace lq
