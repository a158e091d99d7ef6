// The int8 data-movement and spatial kernels, and the QUANTIZE / DEQUANTIZE conversions at model
// boundaries, on hand-made one-op models run by litequant and by LiteRT.js: every output element
// must equal LiteRT.js's under the default arithmetic (Arithmetic::kRuntime); how many differ under
// kTfliteReference is printed too. Inputs cover the whole integer range; float inputs of QUANTIZE
// include exact ties of the rounding.
#include <gtest/gtest.h>

#include <optional>

#include "testing/op_builder.h"
#include "testing/oracle_cases.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using tflite::BuiltinOperator;
using BO = tflite::BuiltinOperator;

struct Quant {
  float scale = 1.0f;
  int64_t zero_point = 0;
};

// Builds one model of one op, drawing its activation inputs from a seeded generator.
class CaseBuilder {
 public:
  CaseBuilder(std::string name, std::string group, uint64_t seed) : random_(seed) {
    case_.name = std::move(name);
    case_.group = std::move(group);
  }

  // An integer (or bool) activation input spread uniformly over [lo, hi].
  int input(const Shape& shape, ElementType type, Quant q, int64_t lo, int64_t hi) {
    const int index = b_.input(shape, type);
    if (type != ElementType::kBool) testing::set_quant(b_.at(index), {q.scale}, {q.zero_point});
    io::Array a{type, shape, std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) *
                                                  element_size(type))};
    for (int64_t i = 0; i < a.elements(); ++i) {
      const uint64_t span = static_cast<uint64_t>(hi - lo + 1);
      store(a, i, lo + static_cast<int64_t>(random_.next() % span));
    }
    case_.inputs.push_back(std::move(a));
    return index;
  }
  // An int8/uint8/int16 input over its whole range.
  int input(const Shape& shape, ElementType type, Quant q) {
    const auto [lo, hi] = range_of(type);
    return input(shape, type, q, lo, hi);
  }
  int float_input(const Shape& shape, const std::vector<float>& values) {
    const int index = b_.input(shape, ElementType::kFloat32);
    const auto* bytes = reinterpret_cast<const uint8_t*>(values.data());
    case_.inputs.push_back({ElementType::kFloat32, shape,
                            std::vector<uint8_t>(bytes, bytes + values.size() * sizeof(float))});
    return index;
  }
  template <class T> int constant(const Shape& shape, const std::vector<T>& values) {
    return b_.constant(shape, values);
  }
  int output(ElementType type, Quant q) {
    const int index = b_.output({}, type);
    testing::set_quant(b_.at(index), {q.scale}, {q.zero_point});
    return index;
  }
  int output(ElementType type) { return b_.output({}, type); }
  ir::Tensor& at(int index) { return b_.at(index); }

  template <class Options = std::nullptr_t>
  testing::OracleCase op(BuiltinOperator code, std::vector<int32_t> inputs,
                         std::vector<int32_t> outputs, Options options = nullptr) {
    b_.op(code, std::move(inputs), std::move(outputs), std::move(options));
    case_.model = b_.model();
    testing::record_planned_output_shapes(case_.model);
    return std::move(case_);
  }

 private:
  static std::pair<int64_t, int64_t> range_of(ElementType type) {
    switch (type) {
      case ElementType::kUInt8: return {0, 255};
      case ElementType::kInt16: return {-32768, 32767};
      case ElementType::kBool: return {0, 1};
      default: return {-128, 127};
    }
  }
  static void store(io::Array& a, int64_t i, int64_t v) {
    switch (a.type) {
      case ElementType::kUInt8: a.as<uint8_t>()[i] = static_cast<uint8_t>(v); return;
      case ElementType::kInt16: a.as<int16_t>()[i] = static_cast<int16_t>(v); return;
      case ElementType::kInt32: a.as<int32_t>()[i] = static_cast<int32_t>(v); return;
      case ElementType::kBool: a.as<bool>()[i] = v != 0; return;
      default: a.as<int8_t>()[i] = static_cast<int8_t>(v); return;
    }
  }

  testing::Random random_;
  testing::OpBuilder b_;
  testing::OracleCase case_;
};

// Expects 0 differing elements under kRuntime; prints per-case and per-group figures.
void expect_equal_to_litert(const std::string& dir, const std::vector<testing::OracleCase>& cases) {
  testing::expect_equal_to_litert(fs::path(LQ_TEST_WORK_DIR) / dir, cases, "");
}

// ---- PAD, PADV2.

testing::OracleCase pad(std::string name, BO op, Shape shape, Quant q,
                        std::vector<int32_t> paddings, std::optional<int8_t> value, uint64_t seed) {
  CaseBuilder c(std::move(name), cat("int8 ", tflite::EnumNameBuiltinOperator(op)), seed);
  const int in = c.input(shape, ElementType::kInt8, q);
  std::vector<int32_t> ins = {in, c.constant({static_cast<int32_t>(shape.size()), 2}, paddings)};
  if (value) {
    ins.push_back(c.constant<int8_t>({1}, {*value}));
    testing::set_quant(c.at(ins.back()), {q.scale}, {q.zero_point});
  }
  const int out = c.output(ElementType::kInt8, q);
  return c.op(op, ins, {out});
}

TEST(Int8DataKernels, PadEqualsLiteRT) {
  expect_equal_to_litert(
      "int8_pad",
      {
          pad("pad_4d", BO::PAD, {1, 5, 6, 3}, {0.1f, -7}, {0, 0, 1, 2, 2, 1, 0, 0}, {}, 1),
          pad("pad_2d_zero_point_20", BO::PAD, {7, 9}, {0.05f, 20}, {3, 0, 1, 4}, {}, 2),
          pad("pad_relu_zero_point_min", BO::PAD, {2, 4, 4, 8}, {0.02f, -128},
              {0, 0, 1, 1, 1, 1, 0, 0}, {}, 3),
          pad("padv2_value_37", BO::PADV2, {2, 4, 5, 2}, {0.2f, 5}, {0, 1, 2, 0, 1, 1, 0, 0},
              int8_t{37}, 4),
          pad("padv2_value_min", BO::PADV2, {3, 6, 4}, {0.5f, 0}, {1, 1, 0, 2, 3, 0}, int8_t{-128},
              5),
      });
}

// ---- RESIZE_BILINEAR.

testing::OracleCase resize_bilinear(std::string name, Shape shape, int32_t h, int32_t w,
                                    bool align_corners, bool half_pixel, uint64_t seed) {
  const char* variant = align_corners ? "align_corners"
                        : half_pixel  ? "half_pixel_centers"
                                      : "legacy";
  CaseBuilder c(std::move(name), cat("int8 RESIZE_BILINEAR ", variant), seed);
  const Quant q{0.05f, -3};
  const int in = c.input(shape, ElementType::kInt8, q);
  const int size = c.constant<int32_t>({2}, {h, w});
  const int out = c.output(ElementType::kInt8, q);
  tflite::ResizeBilinearOptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel;
  return c.op(BO::RESIZE_BILINEAR, {in, size}, {out}, o);
}

TEST(Int8DataKernels, ResizeBilinearEqualsLiteRT) {
  expect_equal_to_litert(
      "int8_resize_bilinear",
      {
          resize_bilinear("legacy_up2", {1, 6, 7, 8}, 12, 14, false, false, 10),
          resize_bilinear("legacy_odd", {2, 7, 5, 3}, 10, 9, false, false, 11),
          resize_bilinear("legacy_down", {1, 16, 15, 4}, 6, 7, false, false, 12),
          resize_bilinear("half_pixel_up2", {1, 6, 7, 8}, 12, 14, false, true, 13),
          resize_bilinear("half_pixel_down", {1, 16, 15, 4}, 6, 7, false, true, 14),
          resize_bilinear("half_pixel_odd_up", {1, 5, 3, 16}, 17, 11, false, true, 15),
          resize_bilinear("align_corners_up", {1, 5, 6, 4}, 13, 11, true, false, 16),
          resize_bilinear("align_corners_down", {1, 15, 16, 4}, 7, 5, true, false, 17),
          resize_bilinear("align_corners_to_1", {1, 4, 5, 4}, 1, 3, true, false, 18),
      });
}

// ---- RESIZE_NEAREST_NEIGHBOR.

testing::OracleCase resize_nearest(std::string name, Shape shape, int32_t h, int32_t w,
                                   bool align_corners, bool half_pixel, uint64_t seed) {
  CaseBuilder c(std::move(name), "int8 RESIZE_NEAREST_NEIGHBOR", seed);
  const Quant q{0.05f, -3};
  const int in = c.input(shape, ElementType::kInt8, q);
  const int size = c.constant<int32_t>({2}, {h, w});
  const int out = c.output(ElementType::kInt8, q);
  tflite::ResizeNearestNeighborOptionsT o;
  o.align_corners = align_corners;
  o.half_pixel_centers = half_pixel;
  return c.op(BO::RESIZE_NEAREST_NEIGHBOR, {in, size}, {out}, o);
}

TEST(Int8DataKernels, ResizeNearestNeighborEqualsLiteRT) {
  expect_equal_to_litert(
      "int8_resize_nearest",
      {
          resize_nearest("nearest_up2", {1, 6, 7, 8}, 12, 14, false, false, 90),
          resize_nearest("nearest_odd", {2, 7, 5, 3}, 10, 9, false, false, 91),
          resize_nearest("nearest_half_pixel_up", {1, 5, 3, 16}, 17, 11, false, true, 92),
          resize_nearest("nearest_half_pixel_down", {1, 16, 15, 4}, 6, 7, false, true, 93),
          resize_nearest("nearest_align_corners", {1, 5, 6, 4}, 13, 11, true, false, 94),
      });
}

// ---- QUANTIZE and DEQUANTIZE at model boundaries.

// Floats that are exact ties of x / scale (n + 1/2 steps), near-ties, and values beyond the range.
std::vector<float> boundary_floats(size_t n, float scale, uint64_t seed) {
  testing::Random random(seed);
  std::vector<float> v(n);
  for (size_t i = 0; i < n; ++i) {
    const float steps = static_cast<float>(static_cast<int64_t>(random.next() % 700) - 350);
    switch (i % 4) {
      case 0: v[i] = (steps + 0.5f) * scale; break;
      case 1: v[i] = steps * scale; break;
      default: v[i] = random.uniform(-300.0f, 300.0f) * scale; break;
    }
  }
  return v;
}

testing::OracleCase quantize_float(std::string name, ElementType type, Quant q, uint64_t seed) {
  CaseBuilder c(std::move(name), cat("QUANTIZE float32->", element_type_name(type)), seed);
  const Shape shape{64, 64};
  const int in = c.float_input(shape, boundary_floats(64 * 64, q.scale, seed));
  const int out = c.output(type, q);
  return c.op(BO::QUANTIZE, {in}, {out});
}

testing::OracleCase requantize(std::string name, ElementType from, Quant qi, ElementType to,
                               Quant qo, uint64_t seed) {
  CaseBuilder c(std::move(name),
                cat("QUANTIZE ", element_type_name(from), "->", element_type_name(to)), seed);
  const int in = c.input({64, 64}, from, qi);
  const int out = c.output(to, qo);
  return c.op(BO::QUANTIZE, {in}, {out});
}

testing::OracleCase dequantize(std::string name, ElementType from, Quant q, uint64_t seed) {
  CaseBuilder c(std::move(name), cat("DEQUANTIZE ", element_type_name(from), "->float32"), seed);
  const int in = c.input({64, 64}, from, q);
  const int out = c.output(ElementType::kFloat32);
  return c.op(BO::DEQUANTIZE, {in}, {out});
}

TEST(Int8DataKernels, QuantizeAndDequantizeEqualLiteRT) {
  using ET = ElementType;
  expect_equal_to_litert(
      "int8_quantize_boundary",
      {
          quantize_float("quantize_f32_int8_ties", ET::kInt8, {0.5f, 3}, 20),
          quantize_float("quantize_f32_int8_spread", ET::kInt8, {0.0235f, -11}, 21),
          quantize_float("quantize_f32_uint8", ET::kUInt8, {0.0171f, 131}, 22),
          quantize_float("quantize_f32_int16", ET::kInt16, {0.00013f, 0}, 23),
          requantize("uint8_to_int8_shift", ET::kUInt8, {0.02f, 140}, ET::kInt8, {0.02f, 12}, 24),
          requantize("int8_to_uint8_shift", ET::kInt8, {0.031f, -5}, ET::kUInt8, {0.031f, 123}, 25),
          requantize("uint8_to_int8_rescale", ET::kUInt8, {0.25f, 128}, ET::kInt8, {0.5f, 3}, 26),
          requantize("int8_to_uint8_rescale", ET::kInt8, {0.0235f, 4}, ET::kUInt8, {0.0171f, 120},
                     27),
          requantize("int16_to_int8", ET::kInt16, {0.0003f, 0}, ET::kInt8, {0.04f, -2}, 28),
          requantize("int8_to_int16", ET::kInt8, {0.04f, 6}, ET::kInt16, {0.0003f, 0}, 29),
          dequantize("dequantize_int8", ET::kInt8, {0.0235f, -11}, 30),
          dequantize("dequantize_uint8", ET::kUInt8, {0.0171f, 131}, 31),
          dequantize("dequantize_int16", ET::kInt16, {0.00013f, 0}, 32),
      });
}

// ---- int8 ops that copy (registered through kCopyTypes): input and output share parameters.

constexpr Quant kCopyQuant{0.07f, -9};

CaseBuilder copy_builder(const std::string& name, BO op, uint64_t seed) {
  return CaseBuilder(name, cat("int8 ", tflite::EnumNameBuiltinOperator(op)), seed);
}

testing::OracleCase reshape_case() {
  CaseBuilder c = copy_builder("reshape", BO::RESHAPE, 40);
  const int in = c.input({2, 6, 5, 4}, ElementType::kInt8, kCopyQuant);
  const int shape = c.constant<int32_t>({2}, {12, 20});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  tflite::ReshapeOptionsT o;
  o.new_shape = {12, 20};
  return c.op(BO::RESHAPE, {in, shape}, {out}, o);
}

testing::OracleCase transpose_case() {
  CaseBuilder c = copy_builder("transpose", BO::TRANSPOSE, 41);
  const int in = c.input({2, 5, 7, 3}, ElementType::kInt8, kCopyQuant);
  const int perm = c.constant<int32_t>({4}, {0, 3, 1, 2});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  return c.op(BO::TRANSPOSE, {in, perm}, {out});
}

testing::OracleCase strided_slice_case() {
  CaseBuilder c = copy_builder("strided_slice", BO::STRIDED_SLICE, 42);
  const int in = c.input({3, 10, 9, 4}, ElementType::kInt8, kCopyQuant);
  const int begin = c.constant<int32_t>({4}, {0, 1, 8, 1});
  const int end = c.constant<int32_t>({4}, {3, 10, 0, 4});
  const int strides = c.constant<int32_t>({4}, {1, 2, -2, 2});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  tflite::StridedSliceOptionsT o;
  o.begin_mask = 1;
  o.end_mask = 1;
  return c.op(BO::STRIDED_SLICE, {in, begin, end, strides}, {out}, o);
}

testing::OracleCase slice_case() {
  CaseBuilder c = copy_builder("slice", BO::SLICE, 43);
  const int in = c.input({2, 8, 7, 6}, ElementType::kInt8, kCopyQuant);
  const int begin = c.constant<int32_t>({4}, {1, 2, 0, 3});
  const int size = c.constant<int32_t>({4}, {1, -1, 5, 2});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  return c.op(BO::SLICE, {in, begin, size}, {out});
}

testing::OracleCase squeeze_case() {
  CaseBuilder c = copy_builder("squeeze", BO::SQUEEZE, 44);
  const int in = c.input({1, 12, 1, 16}, ElementType::kInt8, kCopyQuant);
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  tflite::SqueezeOptionsT o;
  o.squeeze_dims = {0, 2};
  return c.op(BO::SQUEEZE, {in}, {out}, o);
}

testing::OracleCase expand_dims_case() {
  CaseBuilder c = copy_builder("expand_dims", BO::EXPAND_DIMS, 45);
  const int in = c.input({12, 16}, ElementType::kInt8, kCopyQuant);
  const int axis = c.constant<int32_t>({1}, {1});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  return c.op(BO::EXPAND_DIMS, {in, axis}, {out});
}

testing::OracleCase gather_case() {
  CaseBuilder c = copy_builder("gather", BO::GATHER, 47);
  const int in = c.input({4, 9, 8}, ElementType::kInt8, kCopyQuant);
  const int indices = c.constant<int32_t>({2, 3}, {8, 0, 3, 3, 7, 1});
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  tflite::GatherOptionsT o;
  o.axis = 1;
  return c.op(BO::GATHER, {in, indices}, {out}, o);
}

testing::OracleCase split_case() {
  CaseBuilder c = copy_builder("split", BO::SPLIT, 48);
  const int axis = c.constant<int32_t>({}, {3});
  const int in = c.input({2, 4, 5, 12}, ElementType::kInt8, kCopyQuant);
  std::vector<int32_t> outs;
  for (int i = 0; i < 3; ++i) outs.push_back(c.output(ElementType::kInt8, kCopyQuant));
  tflite::SplitOptionsT o;
  o.num_splits = 3;
  return c.op(BO::SPLIT, {axis, in}, outs, o);
}

testing::OracleCase depth_to_space_case() {
  CaseBuilder c = copy_builder("depth_to_space", BO::DEPTH_TO_SPACE, 49);
  const int in = c.input({2, 3, 4, 12}, ElementType::kInt8, kCopyQuant);
  const int out = c.output(ElementType::kInt8, kCopyQuant);
  tflite::DepthToSpaceOptionsT o;
  o.block_size = 2;
  return c.op(BO::DEPTH_TO_SPACE, {in}, {out}, o);
}

TEST(Int8DataKernels, CopyOpsEqualLiteRT) {
  expect_equal_to_litert("int8_copy_ops",
                         {reshape_case(), transpose_case(), strided_slice_case(), slice_case(),
                          squeeze_case(), expand_dims_case(), gather_case(),
                          split_case(), depth_to_space_case()});
}

// ---- MAXIMUM, MINIMUM, CONCATENATION and REDUCE_MAX on int8: raw comparisons and copies, input
// and output parameters equal.

testing::OracleCase binary_case(std::string name, BO op, Shape a, Quant qa, Shape b, Quant qb,
                                uint64_t seed) {
  CaseBuilder c(std::move(name), cat("int8 ", tflite::EnumNameBuiltinOperator(op)), seed);
  const int ia = c.input(a, ElementType::kInt8, qa);
  const int ib = c.input(b, ElementType::kInt8, qb);
  const bool comparison = op != BO::MAXIMUM && op != BO::MINIMUM;
  const int out = comparison ? c.output(ElementType::kBool) : c.output(ElementType::kInt8, qa);
  return c.op(op, {ia, ib}, {out});
}

testing::OracleCase concatenation_case(std::string name, int axis, Quant q, uint64_t seed) {
  CaseBuilder c(std::move(name), "int8 CONCATENATION", seed);
  std::vector<int32_t> ins;
  ins.push_back(c.input({2, 3, 4, 5}, ElementType::kInt8, q));
  ins.push_back(c.input({2, 3, 4, 2}, ElementType::kInt8, q));
  ins.push_back(c.input({2, 3, 4, 7}, ElementType::kInt8, q));
  const int out = c.output(ElementType::kInt8, q);
  tflite::ConcatenationOptionsT o;
  o.axis = axis;
  return c.op(BO::CONCATENATION, ins, {out}, o);
}

testing::OracleCase reduce_max_case(std::string name, Shape shape, std::vector<int32_t> axes,
                                    bool keep_dims, uint64_t seed) {
  CaseBuilder c(std::move(name), "int8 REDUCE_MAX", seed);
  const Quant q{0.05f, -4};
  const int in = c.input(shape, ElementType::kInt8, q);
  const int axis = c.constant<int32_t>({static_cast<int32_t>(axes.size())}, axes);
  const int out = c.output(ElementType::kInt8, q);
  tflite::ReducerOptionsT o;
  o.keep_dims = keep_dims;
  return c.op(BO::REDUCE_MAX, {in, axis}, {out}, o);
}

// Comparisons: quantized inputs with equal or different parameters. Scales with ratio 3 (0.1, 0.3)
// make many exactly equal reals that the Q31 multipliers may split; a scale below 1/256 makes
// neighbouring values collide even with equal parameters.
TEST(Int8DataKernels, ComparisonsEqualLiteRT) {
  const Quant q{0.05f, -4};
  expect_equal_to_litert(
      "int8_comparisons",
      {
          binary_case("greater_equal_same_params", BO::GREATER_EQUAL, {32, 32}, q, {32, 32}, q, 65),
          binary_case("greater_equal_params", BO::GREATER_EQUAL, {64, 64}, q, {64, 64},
                      {0.031f, 7}, 70),
          binary_case("greater_ratio_3", BO::GREATER, {64, 64}, {0.1f, 3}, {64, 64}, {0.3f, -7},
                      71),
          binary_case("less_broadcast", BO::LESS, {64, 64}, {0.5f, 3}, {1, 64}, {0.25f, -7}, 72),
          binary_case("less_equal_small_scale", BO::LESS_EQUAL, {64, 64}, {0.002f, 0}, {64, 64},
                      {0.002f, 0}, 73),
          binary_case("equal_ratio_3", BO::EQUAL, {64, 64}, {0.1f, 3}, {64, 64}, {0.3f, -7}, 74),
          binary_case("equal_small_scale", BO::EQUAL, {64, 64}, {0.0013f, 5}, {64, 64},
                      {0.0013f, 5}, 75),
          binary_case("not_equal_ratio_3", BO::NOT_EQUAL, {64, 64}, {0.3f, 0}, {64, 64},
                      {0.1f, 1}, 76),
      });
}

TEST(Int8DataKernels, RawCompareAndCopyOpsEqualLiteRT) {
  const Quant q{0.05f, -4};
  expect_equal_to_litert(
      "int8_raw_ops",
      {
          binary_case("maximum", BO::MAXIMUM, {4, 8, 8}, q, {4, 8, 8}, q, 60),
          binary_case("maximum_broadcast", BO::MAXIMUM, {2, 6, 6, 8}, q, {1, 1, 1, 8}, q, 61),
          binary_case("minimum", BO::MINIMUM, {4, 8, 8}, q, {4, 8, 8}, q, 62),
          binary_case("minimum_broadcast", BO::MINIMUM, {3, 1, 16}, q, {5, 16}, q, 63),
          concatenation_case("concatenation_last_axis", 3, q, 64),
          reduce_max_case("reduce_max_hw_keep_dims", {4, 6, 7, 32}, {1, 2}, true, 68),
          reduce_max_case("reduce_max_last_axis", {16, 12, 10}, {-1}, false, 69),
      });
}

// ---- BATCH_MATMUL int8 x int8 -> int8.

testing::OracleCase batch_matmul_case(std::string name, Shape a, Quant qa, Shape b, Quant qb,
                                      Quant qo, bool adj_x, bool adj_y, uint64_t seed) {
  CaseBuilder c(std::move(name), "int8 BATCH_MATMUL", seed);
  const int ia = c.input(a, ElementType::kInt8, qa);
  const int ib = c.input(b, ElementType::kInt8, qb);
  const int out = c.output(ElementType::kInt8, qo);
  tflite::BatchMatMulOptionsT o;
  o.adj_x = adj_x;
  o.adj_y = adj_y;
  return c.op(BO::BATCH_MATMUL, {ia, ib}, {out}, o);
}

// Scales whose product over the output scale is a power of two make exact ties (an rhs zero point
// of 0 or not decides between XNNPACK and TFLite in LiteRT.js); spread scales and zero points make
// ordinary values.
TEST(Int8DataKernels, BatchMatMulEqualsLiteRT) {
  expect_equal_to_litert(
      "int8_batch_matmul",
      {
          batch_matmul_case("bmm_ties_small_depth", {4, 32, 2}, {1.0f, 0}, {4, 2, 32}, {1.0f, 0},
                            {64.0f, 1}, false, false, 83),
          batch_matmul_case("bmm_ties_rhs_zero_point", {4, 32, 2}, {1.0f, 0}, {4, 2, 32},
                            {1.0f, 3}, {64.0f, 1}, false, false, 85),
          batch_matmul_case("bmm_ties_lhs_zero_point", {4, 32, 2}, {1.0f, -3}, {4, 2, 32},
                            {1.0f, 0}, {64.0f, 1}, false, false, 86),
          batch_matmul_case("bmm_ties_both_zero_points", {4, 32, 2}, {1.0f, 5}, {4, 2, 32},
                            {1.0f, -1}, {64.0f, 1}, false, false, 87),
          batch_matmul_case("bmm_ties", {2, 8, 16}, {0.5f, 3}, {2, 16, 12}, {0.25f, -5},
                            {4.0f, -2}, false, false, 80),
          batch_matmul_case("bmm_ties_ratio_3", {2, 16, 8}, {0.3f, -2}, {8, 16}, {0.1f, 5},
                            {0.06f, 0}, false, false, 84),
          batch_matmul_case("bmm_spread_broadcast", {3, 6, 32}, {0.0235f, -7}, {32, 10},
                            {0.0171f, 4}, {0.3f, 6}, false, false, 81),
          batch_matmul_case("bmm_adj_x_adj_y", {2, 24, 5}, {0.05f, 0}, {2, 7, 24}, {0.04f, -1},
                            {0.25f, 0}, true, true, 82),
      });
}

}  // namespace
}  // namespace lq
