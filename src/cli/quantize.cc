// litequant quantize MODEL -o OUT.tflite --mode float16|dynamic|int8|int16x8 [--input-type T]
//   [--output-type T] [--per-tensor] [--strict] [--data PATH and its preprocessing flags]
#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>

#include "cli/commands.h"
#include "cli/data_args.h"
#include "cli/progress.h"
#include "cli/model_args.h"
#include "core/error.h"
#include "io/tflite_writer.h"
#include "quant/calibration.h"
#include "quant/quantize.h"

namespace lq::cli {

namespace {

struct QuantizeArgs {
  ModelArgs model;
  std::string output, mode, input_type = "float32", output_type = "float32";
  bool per_tensor = false, strict = false;
  DataArgs data;
};

ElementType parse_io_type(const std::string& text, const char* flag) {
  for (ElementType type :
       {ElementType::kFloat32, ElementType::kInt8, ElementType::kUInt8, ElementType::kInt16})
    if (element_type_name(type) == text) return type;
  fail(flag, ": unknown type '", text, "' (expected float32, int8, uint8 or int16)");
}

std::string counts_text(const quant::OpCounts& counts) {
  int total = 0;
  std::string list;
  for (const auto& [name, n] : counts) {
    total += n;
    list += cat(list.empty() ? "" : ", ", name, " ", n);
  }
  return list.empty() ? "0" : cat(total, " (", list, ")");
}

void print_report(const quant::QuantizeReport& report, const std::string& output, uintmax_t before,
                  uintmax_t after, double seconds) {
  std::cout << "wrote " << output << " (--mode " << quant::mode_name(report.mode) << ")\n"
            << "  ops quantized:  " << counts_text(report.quantized_ops) << "\n"
            << "  ops left float: " << counts_text(report.float_ops) << "\n";
  for (const auto& [name, reason] : report.float_reasons) std::cout << "    " << name << ": " << reason << "\n";
  std::cout
            << "  model size: " << before << " -> " << after << " bytes (" << std::fixed
            << std::setprecision(1) << 100.0 * static_cast<double>(after) / static_cast<double>(before)
            << "%)\n"
            << "  calibration samples: " << report.calibration_samples << "\n"
            << "  time: " << std::setprecision(2) << seconds << " s\n";
}

void run_quantize(const QuantizeArgs& args) {
  const auto start = std::chrono::steady_clock::now();
  quant::QuantizeOptions options;
  options.mode = quant::parse_mode(args.mode);
  options.input_type = parse_io_type(args.input_type, "--input-type");
  options.output_type = parse_io_type(args.output_type, "--output-type");
  options.per_tensor = args.per_tensor;
  options.strict = args.strict;
  ir::Model model = args.model.load();
  // "Before" is the float model as litequant writes it (float16 weights already widened), so the
  // two sizes compare the same writer's output.
  quant::read_as_float(model);
  const size_t before = io::serialize_tflite(model).size();
  // int8 and int16x8: calibrate on the float model exactly as quantize() receives it.
  quant::MinMaxCalibrator calibrator;
  const bool calibrated = options.mode == quant::Mode::kInt8 || options.mode == quant::Mode::kInt16x8;
  if (calibrated) {
    LQ_CHECK(args.data.given(), "--mode ", args.mode, " needs calibration data: --data PATH");
    const std::unique_ptr<data::Dataset> data = args.data.open(model);
    ProgressBar bar("calibrating");
    quant::CalibrationOptions calibration;
    calibration.progress = [&bar](int64_t done, int64_t total) { bar.update(done, total); };
    options.calibration_samples = quant::calibrate(model, *data, calibrator, calibration);
    options.calibration = &calibrator;
  } else {
    LQ_CHECK(!args.data.given(), "--data: --mode ", args.mode, " takes no calibration data");
  }
  const quant::QuantizeReport report = quant::quantize(model, options);
  io::write_tflite(model, args.output);
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  print_report(report, args.output, before, std::filesystem::file_size(args.output), elapsed.count());
}

}  // namespace

void add_quantize(CLI::App& app) {
  auto args = std::make_shared<QuantizeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "quantize", "Quantize a float model (.tflite or .onnx; float16 weights are read as float)");
  add_model_args(cmd, args->model);
  cmd->add_option("-o,--output", args->output, "the .tflite file to write")->required();
  cmd->add_option("--mode", args->mode, "float16, dynamic, int8 or int16x8")->required();
  cmd->add_option("--input-type", args->input_type,
                  "type of the model's inputs: float32 (default), int8, uint8 (int8 and int16x8), "
                  "int16 (int16x8)");
  cmd->add_option("--output-type", args->output_type, "type of the model's outputs, as --input-type");
  cmd->add_flag("--per-tensor", args->per_tensor, "per-tensor weights instead of per-channel");
  cmd->add_flag("--strict", args->strict, "fail when an op has to stay float (int8, int16x8)");
  add_data_args(cmd, args->data, "calibration data (int8, int16x8)");
  cmd->callback([args] { run_quantize(*args); });
}

}  // namespace lq::cli
