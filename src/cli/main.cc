#include <cstdio>
#include <exception>

#include "cli/commands.h"
#include "core/error.h"

int main(int argc, char** argv) {
  CLI::App app{"litequant: quantize TensorFlow Lite models and measure what quantization costs"};
  app.require_subcommand(1);
  lq::cli::add_inspect(app);
  lq::cli::add_run(app);
  lq::cli::add_convert(app);
  lq::cli::add_check(app);
  lq::cli::add_quantize(app);
  lq::cli::add_eval(app);
  lq::cli::add_ops(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "litequant: error: %s\n", e.what());
    return 1;
  }
  return 0;
}
