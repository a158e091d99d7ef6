// litequant inspect MODEL [--json] [--tensors]
#include <iostream>

#include "cli/commands.h"
#include "cli/model_args.h"
#include "report/model_summary.h"

namespace lq::cli {

namespace {
struct InspectArgs {
  ModelArgs model;
  bool json = false;
  bool tensors = false;
};
}  // namespace

void add_inspect(CLI::App& app) {
  auto args = std::make_shared<InspectArgs>();
  CLI::App* cmd = app.add_subcommand(
      "inspect", "Show a model's ops, inputs and outputs, tensors and which ops can run");
  add_model_args(cmd, args->model);
  cmd->add_flag("--json", args->json, "print JSON instead of text (every tensor included)");
  cmd->add_flag("--tensors", args->tensors, "list every tensor in the text output");
  cmd->callback([args] {
    const ir::Model model = args->model.load();
    const nlohmann::json summary = report::model_summary(model, args->model.path);
    if (args->json)
      std::cout << summary.dump(2) << "\n";
    else
      std::cout << report::model_summary_text(summary, args->tensors);
  });
}

}  // namespace lq::cli
