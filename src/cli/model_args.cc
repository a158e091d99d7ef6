#include "cli/model_args.h"

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

}  // namespace lq::cli
