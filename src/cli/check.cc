// litequant check MODEL [--json]: lists every violation of TFLite's quantization spec; exit code 1
// when there is one.
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/model_args.h"
#include "quant/check.h"

namespace lq::cli {

namespace {

struct CheckArgs {
  ModelArgs model;
  bool json = false;
};

nlohmann::json to_json(const quant::CheckResult& result, const std::string& path) {
  nlohmann::json violations = nlohmann::json::array();
  for (const quant::Violation& v : result.violations)
    violations.push_back({{"kind", quant::violation_kind_name(v.kind)},
                          {"subgraph", v.subgraph},
                          {"op", v.op},
                          {"op_name", v.op_name},
                          {"tensor", v.tensor},
                          {"message", v.message}});
  return {{"model", path}, {"quantized", result.quantized}, {"violations", violations}};
}

void print_text(const quant::CheckResult& result, const std::string& path) {
  if (!result.quantized) {
    std::cout << path << ": not quantized (no int8, uint8 or int16 tensors): nothing to check\n";
    return;
  }
  for (const quant::Violation& v : result.violations) std::cout << quant::violation_text(v) << "\n";
  if (result.violations.empty())
    std::cout << path << ": follows the TFLite quantization spec (no violations)\n";
  else
    std::cout << path << ": " << result.violations.size() << " violation"
              << (result.violations.size() == 1 ? "" : "s") << " of the TFLite quantization spec\n";
}

}  // namespace

void add_check(CLI::App& app) {
  auto args = std::make_shared<CheckArgs>();
  CLI::App* cmd = app.add_subcommand(
      "check", "Validate a quantized model against TFLite's quantization spec; exit code 1 on a violation");
  add_model_args(cmd, args->model);
  cmd->add_flag("--json", args->json, "print JSON: {model, quantized, violations: [{kind, subgraph, op, "
                                      "op_name, tensor, message}]}");
  cmd->callback([args] {
    const ir::Model model = args->model.load();
    const quant::CheckResult result = quant::check_model(model);
    if (args->json)
      std::cout << to_json(result, args->model.path).dump(2) << "\n";
    else
      print_text(result, args->model.path);
    if (!result.violations.empty()) throw CLI::RuntimeError(1);  // exit code 1, nothing more printed
  });
}

}  // namespace lq::cli
