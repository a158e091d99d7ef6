// litequant eval MODEL [MODEL ...] --data D [--labels L] [--reference FLOAT_MODEL] [--json]
// [--threads N]: accuracy, agreement with a reference, size and time per sample
// (analysis/evaluate.h says what is measured and lists the JSON fields).
//
// The reference: --reference FLOAT_MODEL (one of the MODELs, or an extra model listed first);
// without it, the first MODEL when more than one is given; none for a single MODEL.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>

#include "analysis/evaluate.h"
#include "cli/commands.h"
#include "cli/progress.h"
#include "cli/data_args.h"
#include "cli/model_args.h"
#include "core/error.h"

namespace lq::cli {

namespace {

struct EvalArgs {
  ModelArgs model;  // the first MODEL and the ONNX conversion flags, which apply to every .onnx
  std::vector<std::string> more_models;
  DataArgs data;
  std::string labels, reference;
  bool json = false;
  InterpreterArgs interpreter;
};

// Where --reference is among `paths` (the same file, however spelled), or -1.
int find_reference(const std::vector<std::string>& paths, const std::string& reference) {
  for (size_t i = 0; i < paths.size(); ++i) {
    std::error_code ec;
    if (paths[i] == reference || std::filesystem::equivalent(paths[i], reference, ec))
      return static_cast<int>(i);
  }
  return -1;
}

// The reference first when it is not one of the MODELs.
std::vector<std::string> model_paths(const EvalArgs& args) {
  std::vector<std::string> paths = {args.model.path};
  paths.insert(paths.end(), args.more_models.begin(), args.more_models.end());
  if (!args.reference.empty() && find_reference(paths, args.reference) < 0)
    paths.insert(paths.begin(), args.reference);
  return paths;
}

int reference_index(const EvalArgs& args, const std::vector<std::string>& paths) {
  if (!args.reference.empty()) return find_reference(paths, args.reference);
  return paths.size() > 1 ? 0 : -1;
}

// --input-shape and --input-layout convert the .onnx models; .tflite models take them only when
// no model is .onnx (ModelArgs then names the misuse).
ir::Model load(const EvalArgs& args, const std::string& path, bool any_onnx) {
  ModelArgs m = args.model;
  m.path = path;
  if (any_onnx && !path.ends_with(".onnx")) {
    m.input_shapes.clear();
    m.input_layout = "nhwc";
  }
  return m.load();
}

std::string fixed(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
}

std::string percent(double fraction) { return fixed(100.0 * fraction, 2) + "%"; }

std::string sqnr_text(double db) {
  if (std::isinf(db)) return db > 0 ? "inf" : "-inf";
  return fixed(db, 2);
}

std::string general(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6g", value);
  return text;
}

// Columns padded to their widest cell: the first left-aligned, the others right-aligned.
void print_table(const std::vector<std::vector<std::string>>& rows) {
  std::vector<size_t> width;
  for (const auto& row : rows)
    for (size_t c = 0; c < row.size(); ++c) {
      if (width.size() <= c) width.push_back(0);
      width[c] = std::max(width[c], row[c].size());
    }
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      const std::string pad(width[c] - row[c].size(), ' ');
      line += c == 0 ? row[c] + pad : "  " + pad + row[c];
    }
    std::cout << line << "\n";
  }
}

void print_models(const analysis::EvalResult& result) {
  std::vector<std::vector<std::string>> rows = {{"model", "size (bytes)", "ms/sample"}};
  if (!result.labels.empty()) rows[0].insert(rows[0].end(), {"top-1", "top-5"});
  for (const analysis::ModelResult& m : result.models) {
    std::vector<std::string>& row = rows.emplace_back();
    row = {m.path + (m.is_reference ? " (reference)" : ""), std::to_string(m.size_bytes),
           fixed(m.ms_per_sample, 3)};
    if (!m.accuracy) continue;
    row.push_back(percent(m.accuracy->top1()));
    row.push_back(m.classes >= 5 ? percent(m.accuracy->top5()) : "-");
  }
  print_table(rows);
}

void print_comparisons(const analysis::EvalResult& result) {
  if (result.reference < 0) return;
  std::cout << "\nagainst the reference " << result.models[static_cast<size_t>(result.reference)].path
            << " (per output):\n";
  std::vector<std::vector<std::string>> rows = {
      {"model", "output", "agreement", "SQNR (dB)", "cosine", "max |error|"}};
  for (const analysis::ModelResult& m : result.models)
    for (size_t k = 0; k < m.vs_reference.size(); ++k) {
      const analysis::OutputComparison& c = m.vs_reference[k];
      rows.push_back({m.path, cat(k, " ", c.name), percent(c.agreement.rate()),
                      sqnr_text(c.error.sqnr_db()), fixed(c.error.cosine(), 6),
                      general(c.error.max_abs_error())});
    }
  print_table(rows);
}

void print_text(const analysis::EvalResult& result) {
  std::cout << "data: " << result.data << ", " << result.samples << " samples";
  if (!result.labels.empty()) std::cout << ", labels: " << result.labels;
  std::cout << "\n\n";
  print_models(result);
  print_comparisons(result);
}

void eval(const EvalArgs& args) {
  LQ_CHECK(args.data.given(), "eval: give the evaluation data (--data PATH)");
  analysis::EvalOptions options;
  options.interpreter = args.interpreter.options();
  const std::vector<std::string> paths = model_paths(args);
  const bool any_onnx =
      std::any_of(paths.begin(), paths.end(), [](const auto& p) { return p.ends_with(".onnx"); });
  std::vector<ir::Model> models;
  models.reserve(paths.size());
  for (const std::string& path : paths) models.push_back(load(args, path, any_onnx));
  std::vector<analysis::EvalModel> evals;
  for (size_t i = 0; i < paths.size(); ++i)
    evals.push_back({paths[i], &models[i], std::filesystem::file_size(paths[i])});

  analysis::EvalData data{args.data.path, args.data.preprocess(), args.labels};
  options.reference = reference_index(args, paths);
  ProgressBar bar("evaluating");
  options.progress = [&bar](int64_t done, int64_t total) { bar.update(done, total); };
  const analysis::EvalResult result = analysis::evaluate(evals, data, options);
  if (args.json)
    std::cout << analysis::to_json(result).dump(2) << "\n";
  else
    print_text(result);
}

}  // namespace

void add_eval(CLI::App& app) {
  auto args = std::make_shared<EvalArgs>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Measure models on a data set: accuracy, agreement with a reference, size, time");
  add_model_args(cmd, args->model);
  cmd->add_option("more_models", args->more_models,
                  "more models to evaluate on the same data (the first MODEL is then the reference "
                  "unless --reference is given)");
  add_data_args(cmd, args->data, "evaluation data");
  cmd->add_option("--labels", args->labels,
                  "labels: .npy of integers or an IDX file, one per sample (image folders with "
                  "sub-folders are labelled by them)");
  cmd->add_option("--reference", args->reference,
                  "compare every model's outputs with this model's (default: the first MODEL when "
                  "several are given)");
  cmd->add_flag("--json", args->json, "print one JSON document instead of tables");
  add_interpreter_args(cmd, args->interpreter);
  cmd->callback([args] { eval(*args); });
}

}  // namespace lq::cli
