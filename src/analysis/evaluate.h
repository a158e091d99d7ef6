// `litequant eval`: runs models over a data set one sample at a time and measures accuracy against
// labels, agreement and error against a reference model, and time per sample (analysis/metrics.h
// defines the metrics).
//
// Inputs: each model gets its own input arrays from the same samples (data/dataset.h, same
// preprocessing and subset). A float input gets the preprocessed values. An integer input with
// quantization parameters (a quantized model's int8, uint8 or int16 input) gets the preprocessed
// float values quantized with its scale and zero point, as TFLite's QUANTIZE does:
// q = clamp(round(x / scale) + zero_point), rounding half away from zero. Any other integer input
// gets the raw stored integers.
// Outputs: integer outputs with quantization parameters are dequantized, scale x (q - zero_point)
// (per axis too); other integer and bool outputs are taken as their values.
// Accuracy (with labels): output 0 must hold one row of class scores per sample; top-1 is its
// arg-max, top-5 is counted when it has at least 5 classes.
// Time per sample: wall time of the interpreter's invoke() alone, averaged over the samples.
//
// to_json() fields (`litequant eval --json`):
//   data           the --data path
//   samples        samples evaluated (the subset)
//   labels         the labels file, "image sub-folders", or null without labels
//   reference      index into `models` of the reference model, or null
//   threads        interpreter threads
//   models[]       one per model, in the order given (the reference too):
//     model          the path as given
//     reference      true for the reference model
//     size_bytes     the model file's size
//     ms_per_sample  mean invoke() time in milliseconds
//     accuracy       null without labels, else:
//       classes        scores per sample in output 0
//       top1, top1_correct   fraction correct and count
//       top5, top5_correct   likewise; null with fewer than 5 classes
//     vs_reference   null for the reference and without one, else one entry per output:
//       output, name       output index and tensor name
//       agreement          fraction of rows whose arg-max equals the reference's
//       agreeing_rows, rows
//       sqnr_db            a number, or the string "inf" / "-inf"
//       cosine, max_abs_error
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/metrics.h"
#include "data/preprocess.h"
#include "ir/graph.h"
#include "runtime/interpreter.h"

namespace lq::analysis {

struct EvalModel {
  std::string path;  // named in results and errors
  const ir::Model* model = nullptr;
  uint64_t size_bytes = 0;
};

struct EvalData {
  std::string path;
  data::Preprocess pre;
  std::string labels;  // a labels file (.npy of integers, IDX), or empty
};

struct EvalOptions {
  rt::InterpreterOptions interpreter;
  int reference = -1;  // index into the models, or -1 for none
  // Called after each sample with (samples done, samples in all).
  std::function<void(int64_t, int64_t)> progress;
};

struct OutputComparison {
  std::string name;
  ErrorStats error;
  Agreement agreement;
};

struct ModelResult {
  std::string path;
  bool is_reference = false;
  uint64_t size_bytes = 0;
  double ms_per_sample = 0;
  std::optional<TopKAccuracy> accuracy;  // with labels
  int64_t classes = 0;                   // with labels
  std::vector<OutputComparison> vs_reference;  // empty for the reference and without one
};

struct EvalResult {
  std::string data;
  int64_t samples = 0;
  std::string labels;  // empty without labels
  int reference = -1;
  int threads = 1;
  std::vector<ModelResult> models;
};

EvalResult evaluate(const std::vector<EvalModel>& models, const EvalData& data,
                    const EvalOptions& options);

nlohmann::json to_json(const EvalResult& result);

}  // namespace lq::analysis
