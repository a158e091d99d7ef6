// `quantize --mode int8` of the fetched ONNX image models (ppocr_cls, BlazeFace front and back),
// converted on load, with float and int8 model interfaces, calibrated on the photo and three seeded
// inputs: every written file passes `check`, and litequant's outputs equal LiteRT.js's on three
// inputs per file (the photo and two seeded ones) — integer outputs element for element, float
// outputs within 1e-4 x max(1, max|reference|) (ops left float run float kernels). The same file
// with every op output made a model output is compared too, so that each intermediate tensor
// (ppocr_cls ends in a 2-element softmax) is checked, not only what reaches the end. Prints per case
// how many elements differ and the ops left float.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "frontend/onnx/onnx_import.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/check.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/asset_models.h"
#include "testing/quantized_litert_check.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

struct OnnxAsset {
  std::string name;
  std::string file;                           // in the fetched model directory
  std::map<std::string, Shape> input_shapes;  // the --input-shape flags the model needs
  testing::AssetModel m;                      // how its (converted, NHWC) inputs are made
};

const std::vector<OnnxAsset>& assets() {
  static const std::vector<OnnxAsset> all = {
      {"ppocr_cls", "ch_ppocr_mobile_v2.0_cls_infer.onnx", {{"x", {1, 3, 48, 192}}}, {"", -1, 1, true}},
      {"blazeface_front", "face_detection_front_128x128_barracuda.onnx", {}, {"", -1, 1, true}},
      {"blazeface_back", "face_detection_back_256x256_barracuda.onnx", {}, {"", -1, 1, true}},
  };
  return all;
}

struct Variant {
  std::string name;
  ElementType io;  // the model's input and output type
};

const std::vector<Variant>& variants() {
  static const std::vector<Variant> v = {{"int8", ElementType::kFloat32},
                                         {"int8_io_int8", ElementType::kInt8}};
  return v;
}

constexpr int kCalibrationSamples = 4;  // the photo and three seeded inputs
constexpr int kComparedInputs = 3;      // the photo and two other seeded inputs

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "int8_onnx_models"; }

std::string case_name(const OnnxAsset& a, const Variant& v) { return a.name + "_" + v.name; }

struct Prepared {
  fs::path file, every_tensor_file, dir;
  std::vector<std::vector<fs::path>> inputs;  // per compared input: the model's input files
  quant::QuantizeReport report;
  std::string error;
};

const ir::Tensor& model_input(const ir::Model& model) {
  const ir::Subgraph& g = model.subgraphs[0];
  return g.tensors[static_cast<size_t>(g.inputs.at(0))];
}

// Input `k` of the float model: the photo for k = 0, else seeded uniform in [lo, hi).
io::Array float_input(const OnnxAsset& a, const ir::Tensor& t, int k, uint64_t seed) {
  ir::Tensor float_tensor = t;
  float_tensor.type = ElementType::kFloat32;
  return testing::make_input(a.m, k == 0, float_tensor, seed + static_cast<uint64_t>(k));
}

// `model` with every op output of subgraph 0 a model output too (after its own outputs).
ir::Model with_every_tensor_as_output(const ir::Model& model) {
  ir::Model t = model;
  t.signatures.clear();
  ir::Subgraph& g = t.subgraphs[0];
  for (const ir::Op& op : g.ops)
    for (const int32_t out : op.outputs)
      if (out >= 0 && std::find(g.outputs.begin(), g.outputs.end(), out) == g.outputs.end())
        g.outputs.push_back(out);
  return t;
}

void prepare(const OnnxAsset& a, const Variant& v, const ir::Model& float_model,
             const quant::Calibrator& calibrator, Prepared& p, nlohmann::json& jobs) {
  ir::Model model = float_model;
  quant::QuantizeOptions options;
  options.mode = quant::Mode::kInt8;
  options.input_type = options.output_type = v.io;
  options.calibration = &calibrator;
  p.report = quant::quantize(model, options);
  io::write_tflite(model, p.file);
  const ir::Model written = io::read_tflite(p.file);
  const ir::Model every_tensor = with_every_tensor_as_output(written);
  io::write_tflite(every_tensor, p.every_tensor_file);
  const ir::Tensor& input = model_input(written);
  for (int k = 0; k < kComparedInputs; ++k) {
    const fs::path dir = p.dir / cat("input_", k);
    fs::create_directories(dir);
    p.inputs.push_back({dir / "input_0.npy"});
    io::write_npy(p.inputs.back()[0].string(), testing::to_input_type(float_input(a, input, k, 7), input));
    jobs.push_back(testing::litert_job(a.m, written, p.file, p.inputs.back(), dir / "litert"));
    jobs.push_back(testing::litert_job(a.m, every_tensor, p.every_tensor_file, p.inputs.back(),
                                       dir / "litert_every_tensor"));
  }
}

std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json jobs = nlohmann::json::array();
  for (const OnnxAsset& a : assets()) {
    std::unique_ptr<quant::MinMaxCalibrator> calibrator;
    ir::Model float_model;
    std::string model_error;
    try {
      const fs::path file = testing::model_dir() / a.file;
      LQ_CHECK(fs::exists(file), "model missing: ", file.string(), " (run scripts/fetch_assets.sh)");
      float_model = frontend::import_onnx(file, {a.input_shapes});
      quant::read_as_float(float_model);
      std::vector<io::Array> samples;
      for (int k = 0; k < kCalibrationSamples; ++k)
        samples.push_back(float_input(a, model_input(float_model), k, 1000));
      calibrator = testing::calibrate_on_samples(float_model, samples, work_dir() / a.name);
    } catch (const std::exception& e) {
      model_error = e.what();
    }
    for (const Variant& v : variants()) {
      const std::string name = case_name(a, v);
      Prepared& p = all[name];
      p = {work_dir() / (name + ".tflite"), work_dir() / (name + "_every_tensor.tflite"),
           work_dir() / name, {}, {}, model_error};
      if (!model_error.empty()) continue;
      try {
        prepare(a, v, float_model, *calibrator, p, jobs);
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

struct Param {
  OnnxAsset a;
  Variant v;
};

void PrintTo(const Param& p, std::ostream* os) { *os << case_name(p.a, p.v); }

class QuantizedOnnxModel : public ::testing::TestWithParam<Param> {};

// Runs `model` on each prepared input and compares its outputs with LiteRT.js's in
// <input dir>/`litert_dir`; returns the totals.
testing::LiteRTComparison compare_on_inputs(const ir::Model& model, const Prepared& p,
                                            const std::string& litert_dir, const std::string& what) {
  testing::LiteRTComparison total;
  for (size_t k = 0; k < p.inputs.size(); ++k) {
    rt::Interpreter interpreter(model);
    testing::set_inputs(interpreter, p.inputs[k]);
    interpreter.invoke();
    const testing::LiteRTComparison c = testing::expect_outputs_equal_litert(
        interpreter, p.inputs[k][0].parent_path() / litert_dir, cat(what, " input ", k));
    total.compared += c.compared;
    total.differ += c.differ;
    total.worst = std::max(total.worst, c.worst);
  }
  return total;
}

TEST_P(QuantizedOnnxModel, PassesCheckAndEqualsLiteRT) {
  const std::string name = case_name(GetParam().a, GetParam().v);
  const Prepared& p = prepared(name);
  ASSERT_EQ(p.error, "");
  const ir::Model model = io::read_tflite(p.file);
  const quant::CheckResult check = quant::check_model(model);
  EXPECT_TRUE(check.violations.empty()) << check.violations.size() << " spec violations";
  EXPECT_GT(p.report.quantized_ops.size(), 0u) << "nothing was quantized";
  const testing::LiteRTComparison outputs = compare_on_inputs(model, p, "litert", name);
  EXPECT_GT(outputs.compared, 0) << "no output compared";
  const ir::Model every_tensor = io::read_tflite(p.every_tensor_file);
  const testing::LiteRTComparison tensors =
      compare_on_inputs(every_tensor, p, "litert_every_tensor", name + " (every tensor an output)");
  EXPECT_GT(tensors.compared, outputs.compared) << "no intermediate tensor compared";
  std::cout << "[ figure ] " << name << " on " << p.inputs.size() << " inputs: " << outputs.differ
            << " of " << outputs.compared << " output elements differ from LiteRT.js (worst relative "
            << outputs.worst << "); every op output: " << tensors.differ << " of "
            << tensors.compared << " elements differ (worst relative " << tensors.worst << "); "
            << fs::file_size(p.file) << " bytes; ops left float: " << testing::float_ops_text(p.report)
            << std::endl;
}

std::vector<Param> params() {
  std::vector<Param> all;
  for (const OnnxAsset& a : assets())
    for (const Variant& v : variants()) all.push_back({a, v});
  return all;
}

INSTANTIATE_TEST_SUITE_P(OnnxAssets, QuantizedOnnxModel, ::testing::ValuesIn(params()),
                         [](const ::testing::TestParamInfo<Param>& param_info) {
                           return case_name(param_info.param.a, param_info.param.v);
                         });

}  // namespace
}  // namespace lq
