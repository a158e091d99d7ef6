// Helpers for kernel tests on one-op models built with OpBuilder: run them on every kernel kind
// with inputs and outputs of any element type, and check that errors name the op.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "testing/op_builder.h"

namespace lq::testing {

// Kernel tests are parameterized over the kernel kinds: a kind without its own kernel for an op
// falls back to the reference one, so a new optimized kernel is checked by the same tests.
class KernelTest : public ::testing::TestWithParam<rt::KernelKind> {
 protected:
  rt::InterpreterOptions options() const {
    rt::InterpreterOptions options;
    options.kind = GetParam();
    return options;
  }
};

inline std::string kernel_kind_param_name(const ::testing::TestParamInfo<rt::KernelKind>& info) {
  return std::string(rt::kernel_kind_name(info.param));
}

#define LQ_INSTANTIATE_KERNEL_TEST(FIXTURE)                                                  \
  INSTANTIATE_TEST_SUITE_P(                                                                  \
      AllKinds, FIXTURE,                                                                     \
      ::testing::Values(::lq::rt::KernelKind::kReference, ::lq::rt::KernelKind::kOptimized), \
      ::lq::testing::kernel_kind_param_name)

// An interpreter over a built model, with typed access to inputs and outputs. Bool tensors are read
// and written as uint8_t.
class OpRun {
 public:
  OpRun(OpBuilder& builder, rt::InterpreterOptions options = {})
      : interpreter_(std::make_unique<rt::Interpreter>(builder.model(), options)) {}

  template <class T> OpRun& in(int i, const std::vector<T>& values) {
    interpreter_->set_input(i, values.data(), values.size() * sizeof(T));
    return *this;
  }
  OpRun& invoke() {
    interpreter_->invoke();
    return *this;
  }
  template <class T> std::vector<T> out(int i = 0) const {
    const rt::TensorBuffer& buffer = interpreter_->output(i);
    EXPECT_EQ(element_size(buffer.type), sizeof(T))
        << "output " << i << " is " << element_type_name(buffer.type);
    std::vector<T> values(static_cast<size_t>(buffer.elements()));
    if (!values.empty()) std::memcpy(values.data(), buffer.data, values.size() * sizeof(T));
    return values;
  }
  const Shape& shape(int i = 0) const { return interpreter_->output(i).shape; }

 private:
  std::unique_ptr<rt::Interpreter> interpreter_;
};

// Elementwise |actual - expected| <= tolerance * max(1, |expected|).
inline void expect_near(const std::vector<float>& actual, const std::vector<float>& expected,
                        float tolerance = 1e-6f) {
  ASSERT_EQ(actual.size(), expected.size());
  for (size_t i = 0; i < actual.size(); ++i) {
    const float bound = tolerance * std::max(1.0f, std::fabs(expected[i]));
    EXPECT_NEAR(actual[i], expected[i], bound) << "element " << i;
  }
}

// Builds the interpreter and invokes it on zeroed inputs, expecting an lq::Error whose message
// contains every fragment.
inline void expect_error(OpBuilder& builder, std::initializer_list<std::string> fragments,
                         rt::InterpreterOptions options = {}) {
  try {
    rt::Interpreter interpreter(builder.model(), options);
    interpreter.invoke();
    ADD_FAILURE() << "expected an error containing '" << *fragments.begin() << "'";
  } catch (const Error& e) {
    for (const std::string& fragment : fragments)
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos)
          << "'" << e.what() << "' does not contain '" << fragment << "'";
  }
}

}  // namespace lq::testing
