// The CLI's subcommands. Each adds itself to the app and runs when chosen; errors are lq::Error,
// printed by main() on one line.
#pragma once

#include <CLI/CLI.hpp>

namespace lq::cli {

void add_inspect(CLI::App& app);
void add_run(CLI::App& app);
void add_convert(CLI::App& app);
void add_check(CLI::App& app);
void add_quantize(CLI::App& app);
void add_eval(CLI::App& app);
void add_ops(CLI::App& app);

}  // namespace lq::cli
