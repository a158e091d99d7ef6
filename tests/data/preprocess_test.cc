#include "data/preprocess.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.h"

namespace lq::data {
namespace {

template <class T>
io::Array make(ElementType type, const Shape& shape, const std::vector<T>& values) {
  io::Array a{type, shape, std::vector<uint8_t>(values.size() * sizeof(T))};
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

std::vector<float> floats(const io::Array& a) {
  return {a.as<float>(), a.as<float>() + a.elements()};
}

std::string error_of(const io::Array& stored, Layout layout, const InputSpec& in,
                     const Preprocess& pre) {
  try {
    to_model_input(stored, layout, in, pre, "data.npy", 4);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Preprocess, ScaleMeanStd) {
  Preprocess pre;
  pre.scale = 1.0f / 255;
  pre.mean = {0.5f};
  pre.std = {0.25f};
  const io::Array raw = make<uint8_t>(ElementType::kUInt8, {2, 2}, {0, 255, 51, 102});
  const io::Array out =
      to_model_input(raw, Layout::kNhwc, {"x", ElementType::kFloat32, {1, 2, 2, 1}}, pre, "d", 0);
  EXPECT_EQ(out.shape, (Shape{1, 2, 2, 1}));  // reshaped: same element count
  const std::vector<float> v = floats(out);
  EXPECT_FLOAT_EQ(v[0], -2.0f);
  EXPECT_FLOAT_EQ(v[1], 2.0f);
  EXPECT_FLOAT_EQ(v[2], (0.2f - 0.5f) / 0.25f);
  EXPECT_FLOAT_EQ(v[3], (0.4f - 0.5f) / 0.25f);
}

TEST(Preprocess, PerChannelOnTheStoredChannelAxisNhwc) {
  Preprocess pre;
  pre.mean = {1, 2, 3};
  pre.std = {1, 2, 4};
  // 1x2 pixels, 3 channels (HWC).
  const io::Array raw = make<float>(ElementType::kFloat32, {1, 2, 3}, {1, 2, 3, 11, 12, 13});
  const std::vector<float> v = floats(
      to_model_input(raw, Layout::kNhwc, {"x", ElementType::kFloat32, {1, 1, 2, 3}}, pre, "d", 0));
  EXPECT_EQ(v, (std::vector<float>{0, 0, 0, 10, 5, 2.5f}));
}

TEST(Preprocess, NchwIsTransposedToNhwcAndNormalizedPerChannel) {
  Preprocess pre;
  pre.mean = {0, 100};
  // CHW: 2 channels of 2x3.
  const io::Array raw = make<float>(ElementType::kFloat32, {2, 2, 3},
                                    {0, 1, 2, 3, 4, 5, 100, 101, 102, 103, 104, 105});
  const io::Array out =
      to_model_input(raw, Layout::kNchw, {"x", ElementType::kFloat32, {1, 2, 3, 2}}, pre, "d", 0);
  EXPECT_EQ(out.shape, (Shape{1, 2, 3, 2}));
  // HWC: each pixel's channels side by side, both channels normalized to 0..5.
  EXPECT_EQ(floats(out), (std::vector<float>{0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
  // The same stored data with a leading batch of one.
  io::Array batched = raw;
  batched.shape = {1, 2, 2, 3};
  EXPECT_EQ(floats(to_model_input(batched, Layout::kNchw,
                                  {"x", ElementType::kFloat32, {1, 2, 3, 2}}, pre, "d", 0)),
            floats(out));
}

TEST(Preprocess, NchwDoesNothingForInputsThatAreNotRank4) {
  const io::Array raw = make<float>(ElementType::kFloat32, {2, 1, 2}, {1, 2, 3, 4});
  EXPECT_EQ(
      floats(to_model_input(raw, Layout::kNchw, {"x", ElementType::kFloat32, {4}}, {}, "d", 0)),
      (std::vector<float>{1, 2, 3, 4}));
}

TEST(Preprocess, IntegerInputsGetRawValues) {
  Preprocess pre;
  pre.scale = 100;  // not applied to integer inputs
  const io::Array raw = make<int64_t>(ElementType::kInt64, {3}, {5, -7, 300});
  const io::Array out =
      to_model_input(raw, Layout::kNhwc, {"ids", ElementType::kInt32, {1, 3}}, pre, "d", 0);
  EXPECT_EQ(out.type, ElementType::kInt32);
  EXPECT_EQ(out.as<int32_t>()[0], 5);
  EXPECT_EQ(out.as<int32_t>()[1], -7);
  EXPECT_EQ(out.as<int32_t>()[2], 300);
  const std::string e = error_of(raw, Layout::kNhwc, {"ids", ElementType::kInt8, {3}}, pre);
  EXPECT_NE(e.find("sample 4 holds 300, outside the range of int8"), std::string::npos) << e;
}

TEST(Preprocess, ShapeMismatchNamesBothShapes) {
  const io::Array raw = make<float>(ElementType::kFloat32, {28, 27}, std::vector<float>(28 * 27));
  const std::string e =
      error_of(raw, Layout::kNhwc, {"input", ElementType::kFloat32, {1, 28, 28, 1}}, {});
  EXPECT_NE(
      e.find("data.npy: sample 4 has shape 28x27 (756 elements) but model input 'input' has shape "
             "1x28x28x1 (784 elements)"),
      std::string::npos)
      << e;
}

TEST(Preprocess, DtypeErrors) {
  const io::Array f = make<float>(ElementType::kFloat32, {2}, {1, 2});
  std::string e = error_of(f, Layout::kNhwc, {"ids", ElementType::kInt32, {2}}, {});
  EXPECT_NE(e.find("data.npy: dtype float32 cannot feed model input 'ids' of type int32"),
            std::string::npos)
      << e;
  e = error_of(f, Layout::kNhwc, {"s", ElementType::kString, {2}}, {});
  EXPECT_NE(e.find("model input 's' is string"), std::string::npos) << e;
}

TEST(Preprocess, NanAndInfNameTheSample) {
  for (float bad :
       {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    const io::Array raw = make<float>(ElementType::kFloat32, {3}, {1, bad, 2});
    const std::string e = error_of(raw, Layout::kNhwc, {"x", ElementType::kFloat32, {3}}, {});
    EXPECT_NE(e.find("data.npy: sample 4 holds NaN or Inf (element 1)"), std::string::npos) << e;
  }
}

TEST(Preprocess, MeanCountMustMatchChannels) {
  Preprocess pre;
  pre.mean = {1, 2};
  const io::Array raw = make<float>(ElementType::kFloat32, {1, 1, 3}, {1, 2, 3});
  const std::string e =
      error_of(raw, Layout::kNhwc, {"x", ElementType::kFloat32, {1, 1, 1, 3}}, pre);
  EXPECT_NE(e.find("3 channel(s), but 2 values were given"), std::string::npos) << e;
}

}  // namespace
}  // namespace lq::data
