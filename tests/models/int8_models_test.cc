// `quantize --mode int8` (float, int8 and uint8 model interfaces) and `--mode int16x8` on every asset
// .tflite model (MediaPipe, openWakeWord), calibrated on a few inputs: every written file passes
// `check`, loads and runs in LiteRT.js, and litequant's outputs on it equal LiteRT.js's — integer
// outputs element for element, float outputs within 1e-4 x max(1, max|reference|) (ops left float
// run float kernels, which may differ from LiteRT.js's in the last bits). Prints per case how many
// elements differ, the file size, the float32 weights left in any subgraph (none in hey_jarvis,
// whose verifier runs in an IF branch), and the ops left float.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "data/dataset.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/calibration.h"
#include "quant/check.h"
#include "quant/op_spec.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/asset_models.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using testing::AssetModel;

struct Variant {
  std::string name;
  quant::Mode mode;
  ElementType io;  // the model's input and output type
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> v = {
      {"int8", quant::Mode::kInt8, ElementType::kFloat32},
      {"int8_io_int8", quant::Mode::kInt8, ElementType::kInt8},
      {"int8_io_uint8", quant::Mode::kInt8, ElementType::kUInt8},
      {"int16x8", quant::Mode::kInt16x8, ElementType::kFloat32},
  };
  return v;
}

constexpr int kCalibrationSamples = 4;  // the photo (image models) and seeded inputs

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "int8_models"; }

struct Prepared {
  AssetModel m;
  fs::path file, dir;
  std::vector<fs::path> inputs;
  quant::QuantizeReport report;
  std::string error;
};

// The model input as a data set sees it: the real shape where the file records a placeholder.
std::vector<data::InputSpec> input_specs(const AssetModel& m, const ir::Model& model) {
  std::vector<data::InputSpec> specs = data::model_inputs(model);
  if (!m.input_shape.empty()) specs.at(0).shape = m.input_shape;
  return specs;
}

// Min/max ranges of the float model over the photo (image models) and seeded inputs, written as one
// .npy per input and read back through the data layer, as `quantize --data` does.
std::unique_ptr<quant::MinMaxCalibrator> calibrate(const AssetModel& m, const ir::Model& model, const fs::path& dir) {
  const ir::Subgraph& g = model.subgraphs[0];
  LQ_CHECK(g.inputs.size() == 1, m.file, ": the test calibrates one-input models");
  const ir::Tensor& input = g.tensors[static_cast<size_t>(g.inputs[0])];
  io::Array all;
  for (int s = 0; s < kCalibrationSamples; ++s) {
    const io::Array one = testing::make_input(m, m.photo && s == 0, input, 1000 + static_cast<uint64_t>(s));
    if (s == 0) all = {one.type, one.shape, {}};
    all.data.insert(all.data.end(), one.data.begin(), one.data.end());
  }
  all.shape.insert(all.shape.begin(), kCalibrationSamples);
  fs::create_directories(dir);
  io::write_npy((dir / "calibration.npy").string(), all);
  data::Dataset set((dir / "calibration.npy").string(), input_specs(m, model), {});
  auto calibrator = std::make_unique<quant::MinMaxCalibrator>();
  quant::CalibrationOptions options;
  options.input_shapes = testing::asset_options(m, model).input_shapes;
  quant::calibrate(model, set, *calibrator, options);
  return calibrator;
}

// A float input quantized with the integer input's parameters, as a caller of such a model does.
io::Array to_input_type(const io::Array& x, const ir::Tensor& input) {
  if (input.type == ElementType::kFloat32) return x;
  const float scale = input.quant.scale.at(0);
  const int64_t zero_point = input.quant.zero_point.at(0);
  const int64_t lo = input.type == ElementType::kUInt8 ? 0 : input.type == ElementType::kInt8 ? -128 : -32768;
  const int64_t hi = input.type == ElementType::kUInt8 ? 255 : input.type == ElementType::kInt8 ? 127 : 32767;
  io::Array q{input.type, x.shape, std::vector<uint8_t>(static_cast<size_t>(x.elements()) * element_size(input.type))};
  for (int64_t i = 0; i < x.elements(); ++i) {
    const int64_t v = std::clamp(static_cast<int64_t>(std::round(x.as<float>()[i] / scale)) + zero_point, lo, hi);
    if (input.type == ElementType::kInt16) q.as<int16_t>()[i] = static_cast<int16_t>(v);
    if (input.type == ElementType::kInt8) q.as<int8_t>()[i] = static_cast<int8_t>(v);
    if (input.type == ElementType::kUInt8) q.as<uint8_t>()[i] = static_cast<uint8_t>(v);
  }
  return q;
}

std::string case_name(const AssetModel& m, const Variant& v) { return testing::asset_name(m) + "_" + v.name; }

void prepare(Prepared& p, const Variant& v, const ir::Model& float_model, const quant::Calibrator& calibrator,
             nlohmann::json& jobs) {
  ir::Model model = float_model;
  quant::QuantizeOptions options;
  options.mode = v.mode;
  options.input_type = options.output_type = v.io;
  options.calibration = &calibrator;
  p.report = quant::quantize(model, options);
  io::write_tflite(model, p.file);
  const ir::Model written = io::read_tflite(p.file);
  const ir::Subgraph& g = written.subgraphs[0];
  const ir::Tensor& input = g.tensors[static_cast<size_t>(g.inputs[0])];
  ir::Tensor float_input = input;
  float_input.type = ElementType::kFloat32;
  fs::create_directories(p.dir);
  p.inputs = {p.dir / "input_0.npy"};
  io::write_npy(p.inputs[0].string(), to_input_type(testing::make_input(p.m, p.m.photo, float_input, 7), input));
  jobs.push_back(testing::litert_job(p.m, written, p.file, p.inputs, p.dir / "litert"));
}

std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json jobs = nlohmann::json::array();
  for (const AssetModel& m : testing::asset_models()) {
    std::unique_ptr<quant::MinMaxCalibrator> calibrator;
    ir::Model float_model;
    std::string model_error;
    try {
      float_model = io::read_tflite(testing::asset_path(m));
      quant::read_as_float(float_model);
      calibrator = calibrate(m, float_model, work_dir() / testing::asset_name(m));
    } catch (const std::exception& e) {
      model_error = e.what();
    }
    for (const Variant& v : variants()) {
      const std::string name = case_name(m, v);
      Prepared& p = all[name];
      p = {m, work_dir() / (name + ".tflite"), work_dir() / name, {}, {}, model_error};
      if (!model_error.empty()) continue;
      try {
        prepare(p, v, float_model, *calibrator, jobs);
      } catch (const std::exception& e) {
        p.error = e.what();
      }
    }
  }
  testing::run_litert_jobs(jobs, work_dir(), all);
  return all;
}

const Prepared& prepared(const std::string& name) {
  static const std::map<std::string, Prepared> all = prepare_all();
  return all.at(name);
}

std::string float_ops_text(const quant::QuantizeReport& report) {
  std::string text;
  for (const auto& [name, n] : report.float_ops)
    text += cat(text.empty() ? "" : ", ", name, " x", n, " (", report.float_reasons.at(name), ")");
  return text.empty() ? "none" : text;
}

// Bytes of float32 constants that ops with weights (per the spec table) read as weights or bias, in
// every subgraph: what full-integer quantization should have made integer.
int64_t float_weight_bytes(const ir::Model& model) {
  int64_t bytes = 0;
  for (const ir::Subgraph& g : model.subgraphs)
    for (const ir::Op& op : g.ops) {
      const quant::OpQuantSpec* spec = quant::find_op_spec(op.builtin);
      if (!spec || spec->weight_input < 0) continue;
      for (const int32_t i : {spec->weight_input, spec->bias_input}) {
        if (i < 0 || static_cast<size_t>(i) >= op.inputs.size() || op.inputs[static_cast<size_t>(i)] < 0) continue;
        const ir::Tensor& t = g.tensors[static_cast<size_t>(op.inputs[static_cast<size_t>(i)])];
        if (t.is_constant() && t.type == ElementType::kFloat32) bytes += static_cast<int64_t>(t.data.size());
      }
    }
  return bytes;
}

struct Param {
  AssetModel m;
  Variant v;
};

void PrintTo(const Param& p, std::ostream* os) { *os << case_name(p.m, p.v); }

class QuantizedAssetModel : public ::testing::TestWithParam<Param> {};

TEST_P(QuantizedAssetModel, PassesCheckAndEqualsLiteRT) {
  const Prepared& p = prepared(case_name(GetParam().m, GetParam().v));
  ASSERT_EQ(p.error, "");
  const ir::Model model = io::read_tflite(p.file);
  const quant::CheckResult check = quant::check_model(model);
  EXPECT_TRUE(check.violations.empty()) << check.violations.size() << " spec violations";
  rt::Interpreter interpreter(model, testing::asset_options(p.m, model));
  testing::set_inputs(interpreter, p.inputs);
  int called_ops = 0;  // ops run in subgraphs that IF / WHILE called
  rt::RunObserver observer;
  observer.op = [&](int subgraph, const rt::OpContext&) { called_ops += subgraph > 0; };
  interpreter.invoke(observer);
  int64_t compared = 0, differ = 0;
  double worst = 0;
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const rt::TensorBuffer& ours = interpreter.output(o);
    const io::Array ref = io::read_npy((p.dir / "litert" / cat("output_", o, ".npy")).string());
    ASSERT_EQ(ref.type, ours.type) << "output " << o;
    ASSERT_EQ(ref.data.size(), ours.bytes) << "output " << o;
    compared += ref.elements();
    if (ours.type == ElementType::kFloat32) {
      const double relative = testing::relative_error(ours.as<float>(), ref.as<float>(), ref.elements());
      EXPECT_LE(relative, 1e-4) << "output " << o;
      worst = std::max(worst, relative);
      for (int64_t i = 0; i < ref.elements(); ++i) differ += ours.as<float>()[i] != ref.as<float>()[i];
    } else {
      const size_t size = element_size(ours.type);
      for (int64_t i = 0; i < ref.elements(); ++i)
        differ += std::memcmp(ours.data + i * size, ref.data.data() + i * size, size) != 0;
      EXPECT_EQ(differ, 0) << "integer output " << o << " differs from LiteRT.js's";
    }
  }
  const int64_t float_weights = float_weight_bytes(model);
  // hey_jarvis runs its verifier in an IF branch, with weights passed as IF operands; the second
  // calibration input drives that branch, so every weight there must be integer too, and the
  // compared input runs it.
  if (p.m.file == "hey_jarvis_v0.1.tflite") {
    EXPECT_EQ(float_weights, 0) << "float32 weights left in a subgraph";
    EXPECT_EQ(p.report.float_ops.count("FULLY_CONNECTED"), 0u) << float_ops_text(p.report);
    EXPECT_GT(called_ops, 20) << "the compared input does not run the verifier branch";
  }
  std::cout << "[ figure ] " << case_name(p.m, GetParam().v) << ": " << differ << " of " << compared
            << " output elements differ from LiteRT.js (worst relative " << worst << "); "
            << fs::file_size(p.file) << " bytes, " << float_weights << " bytes of float32 weights, "
            << called_ops << " ops run in called subgraphs; ops left float: "
            << float_ops_text(p.report) << std::endl;
}

std::vector<Param> params() {
  std::vector<Param> all;
  for (const AssetModel& m : testing::asset_models())
    for (const Variant& v : variants()) all.push_back({m, v});
  return all;
}

INSTANTIATE_TEST_SUITE_P(Assets, QuantizedAssetModel, ::testing::ValuesIn(params()),
                         [](const ::testing::TestParamInfo<Param>& param_info) {
                           return case_name(param_info.param.m, param_info.param.v);
                         });

}  // namespace
}  // namespace lq
