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
#include "testing/asset_models.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

using testing::AssetModel;

fs::path work_dir() { return fs::path(LQ_TEST_WORK_DIR) / "quantize_models"; }

struct Prepared {
  AssetModel m;
  fs::path quantized, dir;
  std::vector<fs::path> inputs;
  size_t float_bytes = 0;
  std::string error;  // set when preparing failed; the model's test then fails with it
};

// Quantizes each model to float16, writes it and its seeded inputs, and runs every file through
// LiteRT.js in one batch.
std::map<std::string, Prepared> prepare_all() {
  std::map<std::string, Prepared> all;
  fs::remove_all(work_dir());
  fs::create_directories(work_dir());
  nlohmann::json jobs = nlohmann::json::array();
  uint64_t seed = 100;
  for (const AssetModel& m : testing::asset_models()) {
    const std::string name = testing::asset_name(m);
    Prepared& p = all[name];
    p = {m, work_dir() / (name + "_float16.tflite"), work_dir() / name, {}, 0, {}};
    try {
      ir::Model model = io::read_tflite(testing::asset_path(m));
      quant::read_as_float(model);
      p.float_bytes = io::serialize_tflite(model).size();
      quant::quantize(model, {});
      io::write_tflite(model, p.quantized);
      p.inputs = testing::write_inputs(m, false, model, p.dir, seed);
      jobs.push_back(testing::litert_job(m, model, p.quantized, p.inputs, p.dir / "litert"));
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  testing::run_litert_jobs(jobs, work_dir(), all);
  return all;
}

const Prepared& prepared(const AssetModel& m) {
  static const std::map<std::string, Prepared> all = prepare_all();
  return all.at(testing::asset_name(m));
}

// Every float output of `model` on the prepared inputs.
std::vector<std::vector<float>> run(const ir::Model& model, const Prepared& p) {
  rt::Interpreter interpreter(model, testing::asset_options(p.m, model));
  testing::set_inputs(interpreter, p.inputs);
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

class QuantizeFloat16 : public ::testing::TestWithParam<AssetModel> {};

TEST_P(QuantizeFloat16, RunsInLiteRTAndMatchesIt) {
  const Prepared& p = prepared(GetParam());
  ASSERT_EQ(p.error, "");
  const ir::Model quantized = io::read_tflite(p.quantized);
  ir::Model float_model = io::read_tflite(testing::asset_path(p.m));
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
  std::cout << "[ figure ] float16 " << testing::asset_name(p.m) << ": " << p.float_bytes << " -> " << after
            << " bytes (" << 100.0 * static_cast<double>(after) / static_cast<double>(p.float_bytes)
            << "%), output SQNR vs float (litequant) " << sqnr
            << " dB, worst error vs LiteRT.js / max(1, max|ref|) = " << worst << std::endl;
}

INSTANTIATE_TEST_SUITE_P(Assets, QuantizeFloat16, ::testing::ValuesIn(testing::asset_models()),
                         [](const ::testing::TestParamInfo<AssetModel>& param_info) {
                           return testing::asset_name(param_info.param);
                         });

}  // namespace
}  // namespace lq
