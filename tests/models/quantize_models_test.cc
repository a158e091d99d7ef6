// `quantize --mode float16` on every asset .tflite model (MediaPipe, openWakeWord): the written
// file must load and run in LiteRT.js, and litequant's outputs on it must agree with LiteRT.js's
// within 1e-4 x max(1, max|reference|). Prints per model the sizes before and after and the SQNR
// of the float16 model's outputs against the float model's (both run by litequant).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <limits>
#include <map>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"
#include "testing/random.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

// The asset models of tests/models/real_models_test.cc, with the range of their seeded inputs.
struct QuantizeCase {
  std::string file;
  float lo = -1.0f, hi = 1.0f;
  Shape input_shape = {};  // for an input whose recorded shape is a placeholder
};

const QuantizeCase kCases[] = {
    {"face_detection_short_range.tflite"},
    {"face_detection_full_range.tflite"},
    {"face_detection_full_range_sparse.tflite"},
    {"selfie_segmentation.tflite", 0, 1},
    {"selfie_segmentation_landscape.tflite", 0, 1},
    {"hand_landmark_lite.tflite", 0, 1},
    {"hand_recrop.tflite"},
    {"melspectrogram.tflite", -1, 1, {1, 1280}},  // 80 ms of 16 kHz audio
    {"embedding_model.tflite"},
    {"hey_jarvis_v0.1.tflite"},
};

std::string case_name(const QuantizeCase& c) {
  std::string name = c.file.substr(0, c.file.rfind('.'));
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "quantize_models"; }

rt::InterpreterOptions options_for(const QuantizeCase& c) {
  rt::InterpreterOptions options;
  if (!c.input_shape.empty()) options.input_shapes = {c.input_shape};
  return options;
}

struct Prepared {
  QuantizeCase c;
  fs::path quantized, dir;
  std::vector<fs::path> inputs;
  size_t float_bytes = 0;
  std::string error;  // set when preparing failed; the model's test then fails with it
};

io::Array seeded_input(const QuantizeCase& c, const ir::Tensor& t, uint64_t seed) {
  Shape shape = c.input_shape.empty() ? t.shape : c.input_shape;
  for (int32_t& d : shape) d = std::max(d, 1);
  LQ_CHECK(t.type == ElementType::kFloat32, c.file, ": input '", t.name, "' is not float32");
  const std::vector<float> values =
      testing::Random(seed).uniform_vector(static_cast<size_t>(num_elements(shape)), c.lo, c.hi);
  io::Array a{t.type, shape, std::vector<uint8_t>(values.size() * sizeof(float))};
  std::memcpy(a.data.data(), values.data(), a.data.size());
  return a;
}

// Quantizes each model to float16, writes it and its inputs, and runs every file through LiteRT.js
// in one batch.
std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json jobs = nlohmann::json::array();
  uint64_t seed = 100;
  for (const QuantizeCase& c : kCases) {
    Prepared& p = all[case_name(c)];
    p = {c, work_dir() / (case_name(c) + "_float16.tflite"), work_dir() / case_name(c), {}, 0, {}};
    try {
      const fs::path source = testing::model_dir() / c.file;
      LQ_CHECK(fs::exists(source), "model missing: ", source.string(), " (run scripts/fetch_assets.sh)");
      ir::Model model = io::read_tflite(source);
      quant::read_as_float(model);
      p.float_bytes = io::serialize_tflite(model).size();
      quant::quantize(model, {});
      io::write_tflite(model, p.quantized);
      fs::create_directories(p.dir);
      const ir::Subgraph& g = model.subgraphs[0];
      for (size_t i = 0; i < g.inputs.size(); ++i) {
        p.inputs.push_back(p.dir / ("input_" + std::to_string(i) + ".npy"));
        io::write_npy(p.inputs.back(), seeded_input(c, g.tensors[static_cast<size_t>(g.inputs[i])], seed++));
      }
      nlohmann::json output_shapes = nlohmann::json::array();
      rt::Interpreter plan(model, options_for(c));
      for (int o = 0; o < plan.num_outputs(); ++o) output_shapes.push_back(plan.output(o).shape);
      jobs.push_back({{"model", p.quantized},
                      {"inputs", std::vector<std::string>(p.inputs.begin(), p.inputs.end())},
                      {"output_dir", p.dir / "litert"},
                      {"output_shapes", output_shapes}});
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  if (!testing::run_oracle("litert_run.mjs", jobs, work_dir() / "jobs.json"))
    for (auto& [name, p] : all)
      if (p.error.empty()) p.error = "the LiteRT.js runner failed (see its output above)";
  return all;
}

const Prepared& prepared(const QuantizeCase& c) {
  static const std::map<std::string, Prepared> all = prepare_all();
  return all.at(case_name(c));
}

// Every float output of `model` on the prepared inputs.
std::vector<std::vector<float>> run(const ir::Model& model, const Prepared& p) {
  rt::Interpreter interpreter(model, options_for(p.c));
  for (size_t i = 0; i < p.inputs.size(); ++i) {
    const io::Array in = io::read_npy(p.inputs[i]);
    interpreter.set_input(static_cast<int>(i), in.data.data(), in.data.size());
  }
  interpreter.invoke();
  std::vector<std::vector<float>> outputs;
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const rt::TensorBuffer& out = interpreter.output(o);
    EXPECT_EQ(out.type, ElementType::kFloat32) << "output " << o;
    outputs.emplace_back(out.as<float>(), out.as<float>() + out.elements());
  }
  return outputs;
}

// 10 log10(signal energy / noise energy) of `x` against `ref`, in dB (infinity when equal).
double sqnr_db(const std::vector<float>& x, const std::vector<float>& ref) {
  double signal = 0, noise = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    signal += static_cast<double>(ref[i]) * ref[i];
    const double d = static_cast<double>(x[i]) - ref[i];
    noise += d * d;
  }
  return noise == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(signal / noise);
}

class QuantizeFloat16 : public ::testing::TestWithParam<QuantizeCase> {};

TEST_P(QuantizeFloat16, RunsInLiteRTAndMatchesIt) {
  const Prepared& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model quantized = io::read_tflite(p.quantized);
  ir::Model float_model = io::read_tflite(testing::model_dir() / p.c.file);
  quant::read_as_float(float_model);
  const std::vector<std::vector<float>> got = run(quantized, p), want = run(float_model, p);
  ASSERT_EQ(got.size(), want.size());
  double worst = 0;
  std::string sqnr;
  for (size_t o = 0; o < got.size(); ++o) {
    const io::Array ref = io::read_npy(p.dir / "litert" / ("output_" + std::to_string(o) + ".npy"));
    ASSERT_EQ(ref.type, ElementType::kFloat32);
    ASSERT_EQ(static_cast<size_t>(ref.elements()), got[o].size()) << "output " << o;
    const double relative = testing::relative_error(got[o].data(), ref.as<float>(), ref.elements());
    EXPECT_LE(relative, 1e-4) << "output " << o << " differs from LiteRT.js's";
    worst = std::max(worst, relative);
    sqnr += cat(o ? ", " : "", sqnr_db(got[o], want[o]));
  }
  const uintmax_t after = fs::file_size(p.quantized);
  std::cout << "[ figure ] float16 " << case_name(p.c) << ": " << p.float_bytes << " -> " << after
            << " bytes (" << 100.0 * static_cast<double>(after) / static_cast<double>(p.float_bytes)
            << "%), output SQNR vs float (litequant) " << sqnr
            << " dB, worst error vs LiteRT.js / max(1, max|ref|) = " << worst << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Assets, QuantizeFloat16, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<QuantizeCase>& param_info) {
                           return case_name(param_info.param);
                         });

}  // namespace
}  // namespace lq
