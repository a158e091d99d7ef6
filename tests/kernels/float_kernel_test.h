// Shared helpers of the float kernel tests: the tests run over every kernel kind (a kind without its
// own kernel falls back to the reference), compare within a relative tolerance, and check that
// errors name the op.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <string>
#include <vector>

#include "core/error.h"
#include "testing/op_builder.h"

namespace lq::testing {

class FloatKernelTest : public ::testing::TestWithParam<rt::KernelKind> {
 protected:
  std::vector<float> run(OpBuilder& b, const std::vector<std::vector<float>>& inputs) {
    rt::InterpreterOptions options;
    options.kind = GetParam();
    return b.run(inputs, 0, options);
  }
};

inline std::string kind_name(const ::testing::TestParamInfo<rt::KernelKind>& info) {
  return std::string(rt::kernel_kind_name(info.param));
}

#define LQ_INSTANTIATE_FLOAT_KERNEL_TEST(SUITE)                                               \
  INSTANTIATE_TEST_SUITE_P(AllKinds, SUITE,                                                   \
                           ::testing::Values(::lq::rt::KernelKind::kReference,                \
                                             ::lq::rt::KernelKind::kOptimized),               \
                           ::lq::testing::kind_name)

// Adds a constant tensor holding `values`, as OpBuilder::constant does; it copies the bytes with
// assign() because GCC 12 at -O2 flags OpBuilder::constant's resize-then-memcpy, once inlined with
// a vector of known size, with a false -Warray-bounds.
template <class T> int constant(OpBuilder& b, Shape shape, const std::vector<T>& values) {
  const int index = b.tensor(std::move(shape), element_type_of<T>());
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  b.at(index).data.assign(bytes, bytes + values.size() * sizeof(T));
  return index;
}

// |actual - expected| <= tolerance * max(1, |expected|), element by element.
inline void expect_all_near(const std::vector<float>& actual, const std::vector<float>& expected,
                            float tolerance = 1e-5f) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i)
    EXPECT_NEAR(actual[i], expected[i], tolerance * std::max(1.0f, std::fabs(expected[i])))
        << "at element " << i;
}

// Planning the model fails with an lq::Error whose message contains every fragment.
inline void expect_plan_error(OpBuilder& b, std::initializer_list<std::string> fragments) {
  try {
    rt::Interpreter interpreter(b.model());
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    const std::string message = e.what();
    for (const std::string& fragment : fragments)
      EXPECT_NE(message.find(fragment), std::string::npos)
          << "'" << fragment << "' not in: " << message;
  }
}

// Little-endian int32 fields as raw custom options.
inline std::vector<uint8_t> raw_int32_options(std::initializer_list<int32_t> fields) {
  std::vector<uint8_t> bytes(fields.size() * sizeof(int32_t));
  std::memcpy(bytes.data(), std::data(fields), bytes.size());
  return bytes;
}

}  // namespace lq::testing
