#include "cli/model_args.h"

#include "arith/arithmetic.h"
#include "frontend/load_model.h"

namespace lq::cli {

ir::Model ModelArgs::load() const {
  frontend::OnnxImportOptions onnx;
  for (const std::string& text : input_shapes) frontend::parse_input_shape(text, onnx.input_shapes);
  onnx.input_layout = input_layout == "nchw" ? frontend::InputLayout::kNchw : frontend::InputLayout::kNhwc;
  LQ_CHECK(path.ends_with(".onnx") || (input_shapes.empty() && input_layout == "nhwc"), path,
           ": --input-shape and --input-layout apply to .onnx models only");
  return frontend::load_model(path, onnx);
}

void add_model_args(CLI::App* cmd, ModelArgs& args) {
  cmd->add_option("model", args.path, "model file (.tflite, or .onnx: converted on load)")->required();
  cmd->add_option("--input-shape", args.input_shapes,
                  "ONNX input shape NAME=AxBx... in the ONNX model's dimension order, for dynamic "
                  "dimensions (a dynamic batch dimension becomes 1 without it); repeatable");
  cmd->add_option("--input-layout", args.input_layout,
                  "ONNX image inputs: nhwc (NCHW inputs of the ONNX model become NHWC, TFLite's "
                  "convention) or nchw (keep the ONNX layout)")
      ->check(CLI::IsMember({"nhwc", "nchw"}));
}

rt::InterpreterOptions InterpreterArgs::options() const {
  LQ_CHECK(threads >= 1, "--threads must be at least 1");
  rt::InterpreterOptions options;
  options.threads = threads;
  options.arithmetic = *arith::parse_arithmetic(arithmetic);
  return options;
}

void add_interpreter_args(CLI::App* cmd, InterpreterArgs& args) {
  cmd->add_option("--threads", args.threads, "threads to use (the reference kernels use one)");
  cmd->add_option("--arithmetic", args.arithmetic,
                  "integer arithmetic of quantized ops: runtime (LiteRT.js's, op by op; default) or "
                  "tflite-reference (TFLite's builtin reference kernels)")
      ->check(CLI::IsMember({"runtime", "tflite-reference"}));
}

}  // namespace lq::cli
