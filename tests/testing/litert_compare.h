// Compares litequant with LiteRT.js on small hand-built models, element by element: every output
// of every model, of any element type (int8, uint8, int16, bool, float32 compared bit for bit).
// litequant runs each model twice, under Arithmetic::kRuntime (which must reproduce LiteRT.js) and
// under kTfliteReference (counted, to show where the choice of arithmetic matters).
#pragma once

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "io/npy.h"
#include "io/tflite_writer.h"
#include "runtime/interpreter.h"
#include "testing/assets.h"

namespace lq::testing {

// One model, its inputs in model input order, and the label its figures are summed under.
struct OracleCase {
  std::string name;   // a directory name, unique within one batch
  std::string group;  // e.g. "PAD", "RESIZE_BILINEAR align_corners"
  ir::Model model;
  std::vector<io::Array> inputs;
};

struct OracleComparison {
  std::string name, group;
  int64_t elements = 0, runtime_mismatches = 0, reference_mismatches = 0;
  std::string error;  // why the comparison could not be made (missing output, other shape, ...)
};

// LiteRT.js sizes outputs from their recorded shapes: record the ones litequant plans.
inline void record_planned_output_shapes(ir::Model& model) {
  rt::Interpreter interpreter(model);
  ir::Subgraph& graph = model.subgraphs[0];
  for (size_t i = 0; i < graph.outputs.size(); ++i)
    graph.tensors[static_cast<size_t>(graph.outputs[i])].shape =
        interpreter.output(static_cast<int>(i)).shape;
}

// The raw bytes of every output, in model output order.
inline std::vector<io::Array> run_litequant_outputs(const OracleCase& c,
                                                    arith::Arithmetic arithmetic) {
  rt::InterpreterOptions options;
  options.arithmetic = arithmetic;
  rt::Interpreter interpreter(c.model, options);
  for (size_t i = 0; i < c.inputs.size(); ++i)
    interpreter.set_input(static_cast<int>(i), c.inputs[i].data.data(), c.inputs[i].data.size());
  interpreter.invoke();
  std::vector<io::Array> outputs;
  for (size_t i = 0; i < c.model.subgraphs[0].outputs.size(); ++i) {
    const rt::TensorBuffer& out = interpreter.output(static_cast<int>(i));
    const size_t bytes = static_cast<size_t>(out.elements()) * element_size(out.type);
    outputs.push_back({out.type, out.shape, std::vector<uint8_t>(out.data, out.data + bytes)});
  }
  return outputs;
}

// Elements of `a` whose bytes differ from `b`'s (same type and size checked by the caller).
inline int64_t differing_elements(const io::Array& a, const io::Array& b) {
  const size_t size = element_size(a.type);
  int64_t n = 0;
  for (size_t i = 0; i < static_cast<size_t>(a.elements()); ++i)
    n += std::memcmp(a.data.data() + i * size, b.data.data() + i * size, size) != 0;
  return n;
}

// Writes each case under `work_dir`, runs them all through LiteRT.js in one batch and compares.
// Returns an empty list when the oracle itself could not run.
inline std::vector<OracleComparison> compare_with_litert(const std::filesystem::path& work_dir,
                                                         const std::vector<OracleCase>& cases) {
  namespace fs = std::filesystem;
  fs::remove_all(work_dir);
  fs::create_directories(work_dir);
  nlohmann::json jobs = nlohmann::json::array();
  for (const OracleCase& c : cases) {
    const fs::path dir = work_dir / c.name;
    fs::create_directories(dir);
    io::write_tflite(c.model, dir / "model.tflite");
    nlohmann::json inputs = nlohmann::json::array();
    for (size_t i = 0; i < c.inputs.size(); ++i) {
      const fs::path path = dir / ("input_" + std::to_string(i) + ".npy");
      io::write_npy(path, c.inputs[i]);
      inputs.push_back(path);
    }
    jobs.push_back(
        {{"model", dir / "model.tflite"}, {"inputs", inputs}, {"output_dir", dir / "litert"}});
  }
  // A failed job leaves an error.txt; the comparison then reports the missing output.
  run_oracle("litert_run.mjs", jobs, work_dir / "jobs.json");

  std::vector<OracleComparison> results;
  for (const OracleCase& c : cases) {
    OracleComparison r;
    r.name = c.name;
    r.group = c.group;
    const std::vector<io::Array> runtime = run_litequant_outputs(c, arith::Arithmetic::kRuntime);
    const std::vector<io::Array> reference =
        run_litequant_outputs(c, arith::Arithmetic::kTfliteReference);
    for (size_t i = 0; i < runtime.size() && r.error.empty(); ++i) {
      const fs::path path = work_dir / c.name / "litert" / ("output_" + std::to_string(i) + ".npy");
      if (!fs::exists(path)) {
        r.error = "LiteRT.js wrote no " + path.filename().string() + " (see its error.txt)";
        break;
      }
      const io::Array expected = io::read_npy(path);
      if (expected.type != runtime[i].type || expected.elements() != runtime[i].elements()) {
        r.error = cat("output ", i, " is ", element_type_name(expected.type), " ",
                      shape_string(expected.shape), " in LiteRT.js, ",
                      element_type_name(runtime[i].type), " ", shape_string(runtime[i].shape),
                      " in litequant");
        break;
      }
      r.elements += expected.elements();
      r.runtime_mismatches += differing_elements(runtime[i], expected);
      r.reference_mismatches += differing_elements(reference[i], expected);
    }
    results.push_back(r);
  }
  return results;
}

}  // namespace lq::testing
