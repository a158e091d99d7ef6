// `litequant eval`'s analysis (analysis/evaluate.h, what the command runs) on the Fashion-MNIST CNN
// (models/fashion_mnist) and the 10,000 test images of Debian's dataset-fashion-mnist, streamed from
// the IDX .gz files with the preprocessing of the model's README: its top-1 accuracy must be the
// 90.20% that PyTorch and ONNX Runtime measure (tests/models/fashion_mnist_test.cc).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "analysis/evaluate.h"
#include "frontend/load_model.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

const fs::path kData = "/usr/share/datasets/fashion-mnist";

TEST(FashionMnistEval, CnnTop1IsTheReadmeFigure) {
  const fs::path model_path = fs::path(LQ_SOURCE_DIR) / "models" / "fashion_mnist" / "fmnist_cnn.onnx";
  const ir::Model model = frontend::load_model(model_path);
  analysis::EvalData data;
  data.path = kData / "t10k-images-idx3-ubyte.gz";
  data.labels = kData / "t10k-labels-idx1-ubyte.gz";
  data.pre.scale = 0.00392156862745098f;  // 1 / 255
  data.pre.mean = {0.2860f};
  data.pre.std = {0.3530f};
  const analysis::EvalResult result = analysis::evaluate(
      {{model_path.string(), &model, fs::file_size(model_path)}}, data, analysis::EvalOptions{});

  ASSERT_EQ(result.samples, 10000);
  ASSERT_EQ(result.models.size(), 1u);
  const analysis::ModelResult& m = result.models[0];
  ASSERT_TRUE(m.accuracy.has_value());
  EXPECT_EQ(m.classes, 10);
  EXPECT_EQ(m.accuracy->top1_correct(), 9020);
  EXPECT_GT(m.accuracy->top5_correct(), m.accuracy->top1_correct());
  EXPECT_GT(m.ms_per_sample, 0.0);
  std::cout << "[ figure ] eval fmnist_cnn.onnx: top-1 " << m.accuracy->top1() * 100 << "%, top-5 "
            << m.accuracy->top5() * 100 << "% on 10000 test images; " << m.ms_per_sample
            << " ms per sample" << std::endl;
}

}  // namespace
}  // namespace lq
