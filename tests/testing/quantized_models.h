// The steps the model tests of `quantize` share: quantize every asset model with one mode, write
// it and its seeded inputs, run all the files through LiteRT.js in one batch, then run a model with
// litequant on the same inputs and compare (relative error, SQNR).
#pragma once

#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/asset_models.h"

namespace lq::testing {

// One asset model quantized and run by LiteRT.js: `dir`/litert/output_<i>.npy hold its outputs.
struct QuantizedAsset {
  AssetModel m;
  std::filesystem::path quantized, dir;
  std::vector<std::filesystem::path> inputs;
  size_t float_bytes = 0;  // the float model's size as litequant writes it
  std::string error;       // set when preparing failed; the model's test then fails with it
};

// Quantizes each asset model (read as float) with `quantize`, writes it as
// `work_dir`/<name>_<tag>.tflite with its seeded inputs, and runs every file through LiteRT.js
// in one batch.
inline std::map<std::string, QuantizedAsset> prepare_quantized_assets(
    const std::filesystem::path& work_dir, const std::string& tag,
    const std::function<void(ir::Model&)>& quantize) {
  std::map<std::string, QuantizedAsset> all;
  std::filesystem::remove_all(work_dir);
  std::filesystem::create_directories(work_dir);
  nlohmann::json jobs = nlohmann::json::array();
  uint64_t seed = 100;
  for (const AssetModel& m : asset_models()) {
    const std::string name = asset_name(m);
    QuantizedAsset& p = all[name];
    p = {m, work_dir / (name + "_" + tag + ".tflite"), work_dir / name, {}, 0, {}};
    try {
      ir::Model model = io::read_tflite(asset_path(m));
      quant::read_as_float(model);
      p.float_bytes = io::serialize_tflite(model).size();
      quantize(model);
      io::write_tflite(model, p.quantized);
      p.inputs = write_inputs(m, false, model, p.dir, seed);
      jobs.push_back(litert_job(m, model, p.quantized, p.inputs, p.dir / "litert"));
    } catch (const std::exception& e) {
      p.error = e.what();
    }
  }
  run_litert_jobs(jobs, work_dir, all);
  return all;
}

// Every float output of `model` run by litequant on the prepared inputs.
inline std::vector<std::vector<float>> run_float_outputs(
    const ir::Model& model, const QuantizedAsset& p,
    arith::Arithmetic arithmetic = arith::Arithmetic::kRuntime) {
  rt::InterpreterOptions options = asset_options(p.m, model);
  options.arithmetic = arithmetic;
  rt::Interpreter interpreter(model, options);
  set_inputs(interpreter, p.inputs);
  interpreter.invoke();
  std::vector<std::vector<float>> outputs;
  for (int o = 0; o < interpreter.num_outputs(); ++o) {
    const rt::TensorBuffer& out = interpreter.output(o);
    EXPECT_EQ(out.type, ElementType::kFloat32) << "output " << o;
    outputs.emplace_back(out.as<float>(), out.as<float>() + out.elements());
  }
  return outputs;
}

// LiteRT.js's output `o` of a prepared model.
inline io::Array litert_output(const QuantizedAsset& p, size_t o) {
  return io::read_npy(p.dir / "litert" / ("output_" + std::to_string(o) + ".npy"));
}

// 10 log10(signal energy / noise energy) of `x` against `ref`, in dB (infinity when equal).
inline double sqnr_db(const std::vector<float>& x, const std::vector<float>& ref) {
  double signal = 0, noise = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    signal += static_cast<double>(ref[i]) * ref[i];
    const double d = static_cast<double>(x[i]) - ref[i];
    noise += d * d;
  }
  return noise == 0 ? std::numeric_limits<double>::infinity() : 10 * std::log10(signal / noise);
}

}  // namespace lq::testing
