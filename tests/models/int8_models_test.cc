// `quantize --mode int8` (float, int8 and uint8 model interfaces; per-channel and --per-tensor
// weights) and `--mode int16x8` (float and int16 interfaces) on every asset .tflite model (MediaPipe, openWakeWord), calibrated on a few inputs: every written file passes
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
#include "testing/quantized_litert_check.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using testing::AssetModel;

struct Variant {
  std::string name;
  quant::Mode mode;
  ElementType io;  // the model's input and output type
  bool per_tensor = false;
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> v = {
      {"int8", quant::Mode::kInt8, ElementType::kFloat32},
      {"int8_io_int8", quant::Mode::kInt8, ElementType::kInt8},
      {"int8_io_uint8", quant::Mode::kInt8, ElementType::kUInt8},
      {"int8_per_tensor", quant::Mode::kInt8, ElementType::kFloat32, true},
      {"int16x8", quant::Mode::kInt16x8, ElementType::kFloat32},
      {"int16x8_io_int16", quant::Mode::kInt16x8, ElementType::kInt16},
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

// Min/max ranges of the float model over the photo (image models) and seeded inputs, read back
// through the data layer as `quantize --data` does.
std::unique_ptr<quant::MinMaxCalibrator> calibrate(const AssetModel& m, const ir::Model& model, const fs::path& dir) {
  const ir::Subgraph& g = model.subgraphs[0];
  LQ_CHECK(g.inputs.size() == 1, m.file, ": the test calibrates one-input models");
  const ir::Tensor& input = g.tensors[static_cast<size_t>(g.inputs[0])];
  std::vector<io::Array> samples;
  for (int s = 0; s < kCalibrationSamples; ++s)
    samples.push_back(testing::make_input(m, m.photo && s == 0, input, 1000 + static_cast<uint64_t>(s)));
  return testing::calibrate_on_samples(model, samples, dir, m.input_shape);
}

std::string case_name(const AssetModel& m, const Variant& v) { return testing::asset_name(m) + "_" + v.name; }

void prepare(Prepared& p, const Variant& v, const ir::Model& float_model, const quant::Calibrator& calibrator,
             nlohmann::json& jobs) {
  ir::Model model = float_model;
  quant::QuantizeOptions options;
  options.mode = v.mode;
  options.input_type = options.output_type = v.io;
  options.per_tensor = v.per_tensor;
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
  io::write_npy(p.inputs[0].string(), testing::to_input_type(testing::make_input(p.m, p.m.photo, float_input, 7), input));
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
  const testing::LiteRTComparison c =
      testing::expect_outputs_equal_litert(interpreter, p.dir / "litert", case_name(p.m, GetParam().v));
  const int64_t float_weights = float_weight_bytes(model);
  // hey_jarvis runs its verifier in an IF branch, with weights passed as IF operands; the second
  // calibration input drives that branch, so every weight there must be integer too, and the
  // compared input runs it.
  if (p.m.file == "hey_jarvis_v0.1.tflite") {
    EXPECT_EQ(float_weights, 0) << "float32 weights left in a subgraph";
    EXPECT_EQ(p.report.float_ops.count("FULLY_CONNECTED"), 0u) << testing::float_ops_text(p.report);
    EXPECT_GT(called_ops, 20) << "the compared input does not run the verifier branch";
  }
  std::cout << "[ figure ] " << case_name(p.m, GetParam().v) << ": " << c.differ << " of " << c.compared
            << " output elements differ from LiteRT.js (worst relative " << c.worst << "); "
            << fs::file_size(p.file) << " bytes, " << float_weights << " bytes of float32 weights, "
            << called_ops << " ops run in called subgraphs; ops left float: "
            << testing::float_ops_text(p.report) << std::endl;
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
