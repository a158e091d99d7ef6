// What the tests that quantize whole models and compare them with LiteRT.js share: min/max
// calibration on a few float inputs read back through the data layer (as `quantize --data` does),
// a float input turned into the quantized model's integer input, and the element-by-element
// comparison of litequant's outputs with LiteRT.js's (integer outputs must be equal, float outputs
// within 1e-4 x max(1, max|reference|)).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "data/dataset.h"
#include "io/npy.h"
#include "ir/graph.h"
#include "quant/calibration.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"

namespace lq::testing {

// Min/max ranges of the float one-input `model` over `samples` (each one input of the model),
// stacked into `dir`/calibration.npy and read back as a data set. `input_shape`: the real input
// shape where the model records a placeholder (empty: the recorded one).
inline std::unique_ptr<quant::MinMaxCalibrator> calibrate_on_samples(
    const ir::Model& model, const std::vector<io::Array>& samples, const std::filesystem::path& dir,
    const Shape& input_shape = {}) {
  LQ_CHECK(model.subgraphs[0].inputs.size() == 1, "the test calibrates one-input models");
  LQ_CHECK(!samples.empty(), "no calibration samples");
  io::Array all{samples[0].type, samples[0].shape, {}};
  for (const io::Array& one : samples) all.data.insert(all.data.end(), one.data.begin(), one.data.end());
  all.shape.insert(all.shape.begin(), static_cast<int32_t>(samples.size()));
  std::filesystem::create_directories(dir);
  io::write_npy((dir / "calibration.npy").string(), all);
  std::vector<data::InputSpec> specs = data::model_inputs(model);
  if (!input_shape.empty()) specs.at(0).shape = input_shape;
  data::Dataset set((dir / "calibration.npy").string(), specs, {});
  auto calibrator = std::make_unique<quant::MinMaxCalibrator>();
  quant::CalibrationOptions options;
  if (!input_shape.empty()) options.input_shapes = {input_shape};
  quant::calibrate(model, set, *calibrator, options);
  return calibrator;
}

// A float input quantized with the integer input's parameters (round half away from zero, clamped),
// as a caller of such a model does; a float input is returned as it is.
inline io::Array to_input_type(const io::Array& x, const ir::Tensor& input) {
  if (input.type == ElementType::kFloat32) return x;
  const float scale = input.quant.scale.at(0);
  const int64_t zero_point = input.quant.zero_point.at(0);
  const bool is_uint8 = input.type == ElementType::kUInt8, is_int8 = input.type == ElementType::kInt8;
  const int64_t lo = is_uint8 ? 0 : is_int8 ? -128 : -32768;
  const int64_t hi = is_uint8 ? 255 : is_int8 ? 127 : 32767;
  io::Array q{input.type, x.shape,
              std::vector<uint8_t>(static_cast<size_t>(x.elements()) * element_size(input.type))};
  for (int64_t i = 0; i < x.elements(); ++i) {
    const int64_t v = std::clamp(
        static_cast<int64_t>(std::round(x.as<float>()[i] / scale)) + zero_point, lo, hi);
    if (input.type == ElementType::kInt16) q.as<int16_t>()[i] = static_cast<int16_t>(v);
    if (is_int8) q.as<int8_t>()[i] = static_cast<int8_t>(v);
    if (is_uint8) q.as<uint8_t>()[i] = static_cast<uint8_t>(v);
  }
  return q;
}

struct LiteRTComparison {
  int64_t compared = 0, differ = 0;  // output elements
  double worst = 0;                  // worst relative error of a float output
};

// Compares every output of `interpreter` (already invoked) with `litert_dir`/output_<o>.npy: integer
// outputs must be equal element for element, float outputs within 1e-4 x max(1, max|reference|).
// `what` names the run in failure messages.
inline LiteRTComparison expect_outputs_equal_litert(const rt::Interpreter& interpreter,
                                                    const std::filesystem::path& litert_dir,
                                                    const std::string& what) {
  LiteRTComparison c;
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const rt::TensorBuffer& ours = interpreter.output(o);
    const io::Array ref = io::read_npy((litert_dir / ("output_" + std::to_string(o) + ".npy")).string());
    EXPECT_EQ(ref.type, ours.type) << what << " output " << o;
    EXPECT_EQ(ref.data.size(), ours.bytes) << what << " output " << o;
    if (ref.type != ours.type || ref.data.size() != ours.bytes) continue;
    c.compared += ref.elements();
    int64_t differ = 0;
    if (ours.type == ElementType::kFloat32) {
      const double relative = relative_error(ours.as<float>(), ref.as<float>(), ref.elements());
      EXPECT_LE(relative, 1e-4) << what << " output " << o;
      c.worst = std::max(c.worst, relative);
      for (int64_t i = 0; i < ref.elements(); ++i) differ += ours.as<float>()[i] != ref.as<float>()[i];
    } else {
      const size_t size = element_size(ours.type);
      for (int64_t i = 0; i < ref.elements(); ++i)
        differ += std::memcmp(ours.data + i * static_cast<int64_t>(size),
                              ref.data.data() + static_cast<size_t>(i) * size, size) != 0;
      EXPECT_EQ(differ, 0) << what << ": integer output " << o << " differs from LiteRT.js's in "
                           << differ << " of " << ref.elements() << " elements";
    }
    c.differ += differ;
  }
  return c;
}

// The report's ops left float with their reasons ("LOG x1 (...)"), or "none".
inline std::string float_ops_text(const quant::QuantizeReport& report) {
  std::string text;
  for (const auto& [name, n] : report.float_ops)
    text += cat(text.empty() ? "" : ", ", name, " x", n, " (", report.float_reasons.at(name), ")");
  return text.empty() ? "none" : text;
}

}  // namespace lq::testing
