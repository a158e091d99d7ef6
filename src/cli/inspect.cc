// litequant inspect MODEL [--json] [--tensors]
#include <iostream>

#include "cli/commands.h"
#include "io/model_file.h"
#include "report/model_summary.h"

namespace lq::cli {

namespace {
struct InspectArgs {
  std::string model;
  bool json = false;
  bool tensors = false;
};
}  // namespace

void add_inspect(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show a model's ops, inputs and outputs, tensors and which ops can run");
  cmd->add_option("model", args->model, "model file (.tflite)")->required();
  cmd->add_flag("--json", args->json, "print JSON instead of text (every tensor included)");
  cmd->add_flag("--tensors", args->tensors, "list every tensor in the text output");
  cmd->callback([args] {
    const ir::Model model = io::load_model(args->model);
    const nlohmann::json summary = report::model_summary(model, args->model);
    if (args->json)
      std::cout << summary.dump(2) << "\n";
    else
      std::cout << report::model_summary_text(summary, args->tensors);
  });
}

}  // namespace lq::cli
