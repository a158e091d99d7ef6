// The real Fashion-MNIST test set from Debian's package (installed by scripts/setup.sh).
#include <gtest/gtest.h>

#include <cmath>

#include "data/dataset.h"

namespace lq::data {
namespace {

TEST(FashionMnist, SubsetOfTheTestSetFeedsA28x28x1Input) {
  const std::string dir = "/usr/share/datasets/fashion-mnist/";
  Preprocess pre;
  pre.scale = 1.0f / 255;
  pre.mean = {0.2860f};
  pre.std = {0.3530f};
  pre.samples = 1000;
  pre.seed = 1;
  Dataset d(dir + "t10k-images-idx3-ubyte.gz", {{"input", ElementType::kFloat32, {1, 28, 28, 1}}},
            pre);
  d.attach_labels(dir + "t10k-labels-idx1-ubyte.gz");
  EXPECT_EQ(d.source_size(), 10000);
  ASSERT_EQ(d.size(), 1000);
  std::vector<int> per_class(10);
  double sum = 0;
  for (int64_t i = 0; i < d.size(); ++i) {
    const std::vector<io::Array> s = d.sample(i);
    ASSERT_EQ(s.size(), 1u);
    ASSERT_EQ(s[0].shape, (Shape{1, 28, 28, 1}));
    for (int64_t j = 0; j < 784; ++j) {
      const float v = s[0].as<float>()[j];
      ASSERT_GE(v, -0.2860f / 0.3530f - 1e-5f);
      ASSERT_LE(v, (1 - 0.2860f) / 0.3530f + 1e-5f);
      sum += v;
    }
    const int64_t label = d.label(i);
    ASSERT_GE(label, 0);
    ASSERT_LT(label, 10);
    ++per_class[static_cast<size_t>(label)];
  }
  // Normalized with the data set's own mean and std, the subset's mean is near 0.
  EXPECT_NEAR(sum / (1000.0 * 784), 0.0, 0.05);
  for (int n : per_class) EXPECT_GT(n, 50);  // the test set has 1000 of each class
}

}  // namespace
}  // namespace lq::data
