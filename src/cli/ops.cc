// litequant ops [--json]: every op litequant knows, with what each quantization mode does with it.
#include <iomanip>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "ir/graph.h"
#include "quant/coverage.h"

namespace lq::cli {

namespace {

const char* support_text(quant::Support s) {
  switch (s) {
    case quant::Support::kYes: return "yes";
    case quant::Support::kMissing: return "float (no kernel yet)";
    case quant::Support::kNone: break;
  }
  return "float";
}

const char* dynamic_text(quant::DynamicWeights w) {
  switch (w) {
    case quant::DynamicWeights::kHybrid: return "int8 weights, hybrid";
    case quant::DynamicWeights::kDequantize: return "int8 weights, DEQUANTIZE";
    case quant::DynamicWeights::kNone: break;
  }
  return "-";
}

void print_table(const std::vector<quant::OpCoverage>& ops) {
  std::cout << std::left << std::setw(26) << "op" << std::setw(8) << "float32" << std::setw(24) << "int8"
            << std::setw(24) << "int16x8" << "dynamic\n";
  for (const quant::OpCoverage& c : ops)
    std::cout << std::setw(26) << ir::builtin_name(c.op) << std::setw(8) << (c.float32 ? "yes" : "-")
              << std::setw(24) << support_text(c.int8) << std::setw(24) << support_text(c.int16x8)
              << dynamic_text(c.dynamic) << "\n";
  std::cout << "float16 mode stores the float32 constants of every op as float16.\n";
}

nlohmann::json to_json(const std::vector<quant::OpCoverage>& ops) {
  auto name = [](quant::Support s) { return s == quant::Support::kYes ? "yes" : s == quant::Support::kMissing ? "missing" : "no"; };
  nlohmann::json list = nlohmann::json::array();
  for (const quant::OpCoverage& c : ops)
    list.push_back({{"op", ir::builtin_name(c.op)},
                    {"float32", c.float32},
                    {"int8", name(c.int8)},
                    {"int16x8", name(c.int16x8)},
                    {"dynamic", c.dynamic == quant::DynamicWeights::kHybrid       ? "hybrid"
                                : c.dynamic == quant::DynamicWeights::kDequantize ? "dequantize"
                                                                                   : "no"}});
  return list;
}

}  // namespace

void add_ops(CLI::App& app) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "ops", "List the ops litequant runs and what each quantization mode does with them");
  cmd->add_flag("--json", *json,
                "print JSON: [{op, float32, int8, int16x8 (yes|missing|no), dynamic (hybrid|dequantize|no)}]");
  cmd->callback([json] {
    const std::vector<quant::OpCoverage> ops = quant::op_coverage();
    if (*json)
      std::cout << to_json(ops).dump(2) << "\n";
    else
      print_table(ops);
  });
}

}  // namespace lq::cli
