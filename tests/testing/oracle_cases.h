// What the LiteRT.js comparison tests share beyond testing/litert_compare.h: building the inputs of
// an OracleCase, and the gtest expectations and [ figure ] lines over a batch of comparisons.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "testing/litert_compare.h"
#include "testing/op_builder.h"
#include "testing/random.h"

namespace lq::testing {

// n integers uniform in [lo, hi].
template <class T> std::vector<T> uniform_ints(Random& random, int64_t n, int64_t lo, int64_t hi) {
  std::vector<T> v(static_cast<size_t>(n));
  const auto span = static_cast<uint64_t>(hi - lo + 1);
  for (T& x : v) x = static_cast<T>(lo + static_cast<int64_t>(random.next() % span));
  return v;
}

// The bytes of `values` as an input array of `type`.
template <class T>
io::Array to_array(ElementType type, const Shape& shape, const std::vector<T>& values) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
  return {type, shape, std::vector<uint8_t>(bytes, bytes + values.size() * sizeof(T))};
}

// Filter scales of few mantissa bits (base, 2 base, 4 base, ...), so that input x filter / output
// is exactly a power of two: many accumulators fall on ties.
inline std::vector<float> pow2_scales(int channels, float base) {
  std::vector<float> scales;
  for (int c = 0; c < channels; ++c) scales.push_back(base * static_cast<float>(1 << (c % 3)));
  return scales;
}

inline std::vector<float> spread_scales(int channels, float lo, float hi, uint64_t seed) {
  return Random(seed).uniform_vector(static_cast<size_t>(channels), lo, hi);
}

// FULLY_CONNECTED, CONV_2D and DEPTHWISE_CONV_2D test ops: the filter quantized symmetrically (one
// scale, or one per output channel along `axis`), the bias at input_scale * filter scale.
inline void set_affine_quant(OpBuilder& b, int filter, int bias, float input_scale,
                             const std::vector<float>& filter_scales, int32_t axis) {
  const std::vector<int64_t> zero_points(filter_scales.size(), 0);
  set_quant(b.at(filter), filter_scales, zero_points, axis);
  std::vector<float> bias_scales;
  for (float ws : filter_scales) bias_scales.push_back(input_scale * ws);
  set_quant(b.at(bias), bias_scales, zero_points);
}

// Their options (those each op has).
struct AffineOptions {
  int stride = 1, dilation = 1;
  tflite::Padding padding = tflite::Padding::SAME;
  tflite::ActivationFunctionType activation = tflite::ActivationFunctionType::NONE;
  int32_t depth_multiplier = 1;
};

// Adds op(in, filter, bias) -> out.
inline void add_affine_op(OpBuilder& b, tflite::BuiltinOperator op, int in, int filter, int bias,
                          int out, const AffineOptions& a) {
  if (op == tflite::BuiltinOperator::FULLY_CONNECTED) {
    tflite::FullyConnectedOptionsT o;
    o.fused_activation_function = a.activation;
    b.op(op, {in, filter, bias}, {out}, o);
  } else if (op == tflite::BuiltinOperator::CONV_2D) {
    tflite::Conv2DOptionsT o;
    o.padding = a.padding;
    o.stride_h = o.stride_w = a.stride;
    o.dilation_h_factor = o.dilation_w_factor = a.dilation;
    o.fused_activation_function = a.activation;
    b.op(op, {in, filter, bias}, {out}, o);
  } else {
    tflite::DepthwiseConv2DOptionsT o;
    o.padding = a.padding;
    o.stride_h = o.stride_w = a.stride;
    o.dilation_h_factor = o.dilation_w_factor = a.dilation;
    o.depth_multiplier = a.depth_multiplier;
    o.fused_activation_function = a.activation;
    b.op(op, {in, filter, bias}, {out}, o);
  }
}

// A reduction (MEAN by default, SUM, REDUCE_MAX, ...) of input `in` over the constant `axes`.
inline void add_mean_op(OpBuilder& b, int in, int out, const std::vector<int32_t>& axes,
                        bool keep_dims,
                        tflite::BuiltinOperator op = tflite::BuiltinOperator::MEAN) {
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  const int axes_index = b.constant({static_cast<int32_t>(axes.size())}, axes);
  b.op(op, {in, axes_index}, {out}, o);
}

// MAX_POOL_2D or AVERAGE_POOL_2D with a square filter and equal strides.
inline void add_pool_op(OpBuilder& b, tflite::BuiltinOperator op, int in, int out, int filter,
                        int stride, tflite::Padding padding,
                        tflite::ActivationFunctionType activation) {
  tflite::Pool2DOptionsT o;
  o.padding = padding;
  o.stride_h = o.stride_w = stride;
  o.filter_height = o.filter_width = filter;
  o.fused_activation_function = activation;
  b.op(op, {in}, {out}, o);
}

// ADD or SUB with the case's fused activation; with a `pot_option` field (the 16x8 cases) -1 writes
// no options table and 0 / 1 set pot_scale_int16.
template <class Options, class Case>
void add_add_sub_op(OpBuilder& b, const Case& c, const std::vector<int32_t>& ins, int out) {
  Options o;
  o.fused_activation_function = c.activation;
  if constexpr (requires { c.pot_option; }) {
    if (c.pot_option < 0) {
      b.op(c.op, ins, {out});
      return;
    }
    o.pot_scale_int16 = c.pot_option == 1;
  }
  b.op(c.op, ins, {out}, o);
}

// The op of an elementwise or pooling oracle case (fields op, activation, axes, keep_dims, filter,
// stride, padding): ADD, SUB and MUL with the fused activation, MEAN and SUM, the two pools, or an op
// without options (LOGISTIC, TANH, QUANTIZE, ...).
template <class Case>
void add_case_op(OpBuilder& b, const Case& c, const std::vector<int32_t>& ins, int out) {
  using BO = tflite::BuiltinOperator;
  if (c.op == BO::ADD) {
    add_add_sub_op<tflite::AddOptionsT>(b, c, ins, out);
  } else if (c.op == BO::SUB) {
    add_add_sub_op<tflite::SubOptionsT>(b, c, ins, out);
  } else if (c.op == BO::MUL) {
    tflite::MulOptionsT o;
    o.fused_activation_function = c.activation;
    b.op(c.op, ins, {out}, o);
  } else if (c.op == BO::MEAN || c.op == BO::SUM) {
    add_mean_op(b, ins[0], out, c.axes, c.keep_dims, c.op);
  } else if (c.op == BO::MAX_POOL_2D || c.op == BO::AVERAGE_POOL_2D) {
    add_pool_op(b, c.op, ins[0], out, c.filter, c.stride, c.padding, c.activation);
  } else {
    b.op(c.op, ins, {out});
  }
}

// Expects every comparison made and 0 differing elements under kRuntime; prints per-case figures
// and one [ figure ] line per group, its name prefixed by `figure_prefix` (e.g. "int8 ").
inline void expect_no_runtime_mismatch(const std::vector<OracleComparison>& results,
                                       const std::string& figure_prefix) {
  std::map<std::string, OracleComparison> groups;
  for (const OracleComparison& r : results) {
    EXPECT_TRUE(r.error.empty()) << r.name << ": " << r.error;
    EXPECT_GT(r.elements, 0) << r.name;
    EXPECT_EQ(r.runtime_mismatches, 0) << r.name << ": " << r.runtime_mismatches << " of "
                                       << r.elements << " elements differ from LiteRT.js";
    std::cout << "  " << r.name << ": " << r.elements << " elements, " << r.runtime_mismatches
              << " differ with runtime arithmetic, " << r.reference_mismatches
              << " with tflite-reference" << std::endl;
    OracleComparison& g = groups[r.group];
    g.elements += r.elements;
    g.runtime_mismatches += r.runtime_mismatches;
    g.reference_mismatches += r.reference_mismatches;
  }
  for (const auto& [group, g] : groups)
    std::cout << "[ figure ] " << figure_prefix << group << " vs LiteRT.js 2.5.3: " << g.elements
              << " elements compared, " << g.runtime_mismatches
              << " differ with --arithmetic runtime (default), " << g.reference_mismatches
              << " with tflite-reference" << std::endl;
}

// Runs `cases` through LiteRT.js (under `work_dir`) and litequant, then as above.
inline void expect_equal_to_litert(const std::filesystem::path& work_dir,
                                   const std::vector<OracleCase>& cases,
                                   const std::string& figure_prefix) {
  const std::vector<OracleComparison> results = compare_with_litert(work_dir, cases);
  ASSERT_EQ(results.size(), cases.size()) << "LiteRT.js did not run";
  expect_no_runtime_mismatch(results, figure_prefix);
}

}  // namespace lq::testing
