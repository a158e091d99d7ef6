// litequant convert MODEL.onnx -o MODEL.tflite [--input-shape NAME=AxB...] [--input-layout nhwc|nchw]
#include <iostream>
#include <map>

#include "cli/commands.h"
#include "cli/model_args.h"
#include "io/tflite_writer.h"

namespace lq::cli {

namespace {

struct ConvertArgs {
  ModelArgs model;
  std::string output;
};

void print_summary(const ir::Model& model, const std::string& output) {
  std::map<std::string, int> ops;
  size_t count = 0;
  for (const ir::Subgraph& g : model.subgraphs)
    for (const ir::Op& op : g.ops) ++ops[ir::op_name(op)], ++count;
  std::cout << "wrote " << output << ": " << count << " ops";
  for (const auto& [name, n] : ops) std::cout << (name == ops.begin()->first ? " (" : ", ") << name << " " << n;
  std::cout << (ops.empty() ? "" : ")") << "\n";
}

}  // namespace

void add_convert(CLI::App& app) {
  auto args = std::make_shared<ConvertArgs>();
  CLI::App* cmd = app.add_subcommand("convert", "Convert an ONNX model into a .tflite file (NHWC, TFLite builtins)");
  add_model_args(cmd, args->model);
  cmd->add_option("-o,--output", args->output, "the .tflite file to write")->required();
  cmd->callback([args] {
    const ir::Model model = args->model.load();
    io::write_tflite(model, args->output);
    print_summary(model, args->output);
  });
}

}  // namespace lq::cli
