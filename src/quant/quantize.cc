#include "quant/quantize.h"

#include <array>
#include <utility>

#include "core/error.h"
#include "ir/passes.h"
#include "quant/dynamic.h"
#include "quant/float16.h"
#include "quant/full_integer.h"

namespace lq::quant {
namespace {

constexpr std::array<std::pair<Mode, std::string_view>, 4> kModes = {{
    {Mode::kFloat16, "float16"},
    {Mode::kDynamic, "dynamic"},
    {Mode::kInt8, "int8"},
    {Mode::kInt16x8, "int16x8"},
}};

// --input-type / --output-type: float32 in every mode; int8 and uint8 with the integer modes;
// int16 with int16x8 only (TFLite's converter accepts the same).
void check_io_type(const QuantizeOptions& options, ElementType type, const char* flag) {
  const bool integer_mode = options.mode == Mode::kInt8 || options.mode == Mode::kInt16x8;
  const bool ok = type == ElementType::kFloat32 ||
                  (integer_mode && (type == ElementType::kInt8 || type == ElementType::kUInt8)) ||
                  (options.mode == Mode::kInt16x8 && type == ElementType::kInt16);
  LQ_CHECK(ok, flag, " ", element_type_name(type), " does not go with --mode ", mode_name(options.mode),
           " (float32 always; int8 and uint8 with int8 and int16x8; int16 with int16x8)");
}

void check_options(const QuantizeOptions& options) {
  check_io_type(options, options.input_type, "--input-type");
  check_io_type(options, options.output_type, "--output-type");
  LQ_CHECK(!options.per_tensor || options.mode != Mode::kFloat16,
           "--per-tensor applies to integer weights (--mode dynamic, int8, int16x8), not to float16");
}

}  // namespace

std::string_view mode_name(Mode mode) {
  for (const auto& [m, name] : kModes)
    if (m == mode) return name;
  return "?";
}

Mode parse_mode(std::string_view name) {
  for (const auto& [mode, text] : kModes)
    if (text == name) return mode;
  fail("unknown quantization mode '", name, "' (expected float16, dynamic, int8 or int16x8)");
}

void read_as_float(ir::Model& model) { ir::run_pass(model, ir::fold_dequantize); }

QuantizeReport quantize(ir::Model& model, const QuantizeOptions& options) {
  check_options(options);
  // The checks come before any change.
  const bool calibrated = options.mode == Mode::kInt8 || options.mode == Mode::kInt16x8;
  LQ_CHECK(!calibrated || options.calibration, "--mode ", mode_name(options.mode),
           " needs calibration data (--data)");
  QuantizeReport report;
  report.mode = options.mode;
  read_as_float(model);
  switch (options.mode) {
    case Mode::kFloat16: quantize_float16(model, report); break;
    case Mode::kDynamic: quantize_dynamic(model, options, report); break;
    case Mode::kInt8:
    case Mode::kInt16x8:
      quantize_full_integer(model, options, *options.calibration, report);
      report.calibration_samples = options.calibration_samples;
      break;
  }
  return report;
}

}  // namespace lq::quant
