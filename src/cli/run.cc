// litequant run MODEL (--input IN.npy ... | --image PHOTO) [--output-dir DIR] [--top K]
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <numeric>

#include "cli/commands.h"
#include "core/error.h"
#include "io/image.h"
#include "cli/model_args.h"
#include "io/npy.h"
#include "runtime/interpreter.h"

namespace lq::cli {

namespace {

struct RunArgs {
  ModelArgs model;
  std::vector<std::string> inputs;
  std::string image;
  float scale = 1.0f;
  std::string mean = "0", std = "1";
  std::string output_dir;
  InterpreterArgs interpreter;
  int top = 0;
};

std::vector<float> parse_floats(const std::string& text, const char* flag) {
  std::vector<float> values;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    try {
      values.push_back(std::stof(item));
    } catch (const std::exception&) {
      fail(flag, ": '", item, "' is not a number");
    }
  }
  LQ_CHECK(!values.empty(), flag, ": expected a number or a comma-separated list");
  return values;
}

// An NHWC image input from a photo: channels converted, resized bilinearly, then
// value = (pixel * scale - mean) / std, with per-channel mean and std allowed.
io::Array image_input(const RunArgs& args, const rt::TensorBuffer& input) {
  LQ_CHECK(input.rank() == 4 && input.type == ElementType::kFloat32, "--image needs a float32 NHWC ",
           "input, but input '", input.name(), "' is ", element_type_name(input.type), " ",
           shape_string(input.shape));
  const int height = input.dim(1), width = input.dim(2), channels = input.dim(3);
  const std::vector<float> mean = parse_floats(args.mean, "--mean");
  const std::vector<float> std = parse_floats(args.std, "--std");
  for (const auto* v : {&mean, &std})
    LQ_CHECK(v->size() == 1 || v->size() == static_cast<size_t>(channels),
             "--mean and --std take 1 or ", channels, " values");
  const io::Image image = io::convert_channels(io::read_image(args.image), channels);
  const std::vector<float> pixels = io::resize_bilinear(image, width, height);
  io::Array array{ElementType::kFloat32, input.shape, std::vector<uint8_t>(pixels.size() * 4)};
  float* out = array.as<float>();
  for (size_t i = 0; i < pixels.size(); ++i) {
    const size_t c = i % static_cast<size_t>(channels);
    out[i] = (pixels[i] * args.scale - mean[mean.size() == 1 ? 0 : c]) / std[std.size() == 1 ? 0 : c];
  }
  return array;
}

// A .npy shape fits an input when it equals the recorded shape, except where the shape signature
// marks a dimension dynamic (-1).
bool fits_input(const Shape& shape, const ir::Tensor& t) {
  if (shape.size() != t.shape.size()) return false;
  for (size_t d = 0; d < shape.size(); ++d) {
    const bool dynamic = !t.shape_signature.empty() && t.shape_signature[d] < 0;
    if (!dynamic && shape[d] != t.shape[d]) return false;
  }
  return true;
}

// "1x28x28" or, with dynamic dimensions, "?x28x28".
std::string signature_string(const ir::Tensor& t) {
  std::string text;
  for (size_t d = 0; d < t.shape.size(); ++d) {
    const bool dynamic = !t.shape_signature.empty() && t.shape_signature[d] < 0;
    text += cat(d ? "x" : "", dynamic ? std::string("?") : std::to_string(t.shape[d]));
  }
  return text.empty() ? "scalar" : text;
}

void print_top(const rt::TensorBuffer& out, int index, int k) {
  std::cout << "output " << index << " '" << out.name() << "' " << element_type_name(out.type) << " "
            << shape_string(out.shape);
  if (out.type != ElementType::kFloat32) {
    std::cout << " (top values are shown for float32 outputs only)\n";
    return;
  }
  const float* v = out.as<float>();
  std::vector<int64_t> order(static_cast<size_t>(out.elements()));
  std::iota(order.begin(), order.end(), 0);
  const size_t shown = std::min(order.size(), static_cast<size_t>(k));
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](int64_t a, int64_t b) { return v[a] > v[b]; });
  std::cout << ", top " << shown << ":\n";
  for (size_t i = 0; i < shown; ++i)
    std::cout << "  [" << order[i] << "] " << v[order[i]] << "\n";
}

void run(const RunArgs& args) {
  LQ_CHECK(!args.inputs.empty() || !args.image.empty(), "give --input (one per model input) or --image");
  rt::InterpreterOptions options = args.interpreter.options();
  const ir::Model model = args.model.load();
  const ir::Subgraph& graph = model.subgraphs.at(0);
  std::vector<io::Array> arrays;
  for (const std::string& path : args.inputs) arrays.push_back(io::read_npy(path));
  if (args.image.empty()) {
    LQ_CHECK(arrays.size() == graph.inputs.size(), args.model.path, " has ", graph.inputs.size(),
             " inputs, but ", arrays.size(), " --input files were given");
    for (size_t i = 0; i < arrays.size(); ++i) {
      const ir::Tensor& t = graph.tensors[static_cast<size_t>(graph.inputs[i])];
      LQ_CHECK(arrays[i].type == t.type, args.inputs[i], ": dtype ", element_type_name(arrays[i].type),
               ", but model input ", i, " ('", t.name, "') is ", element_type_name(t.type));
      LQ_CHECK(fits_input(arrays[i].shape, t), args.inputs[i], ": shape ",
               shape_string(arrays[i].shape), ", but model input ", i, " ('", t.name, "') has shape ",
               signature_string(t));
      options.input_shapes.push_back(arrays[i].shape);
    }
  }
  rt::Interpreter interpreter(model, options);
  if (!args.image.empty()) {
    LQ_CHECK(interpreter.num_inputs() == 1, "--image needs a model with one input");
    arrays.push_back(image_input(args, interpreter.input(0)));
  }
  for (size_t i = 0; i < arrays.size(); ++i)
    interpreter.set_input(static_cast<int>(i), arrays[i].data.data(), arrays[i].data.size());
  interpreter.invoke();
  if (!args.output_dir.empty()) std::filesystem::create_directories(args.output_dir);
  for (int i = 0; i < interpreter.num_outputs(); ++i) {
    const rt::TensorBuffer& out = interpreter.output(i);
    if (args.top > 0) print_top(out, i, args.top);
    if (args.output_dir.empty()) continue;
    io::Array array{out.type, out.shape, std::vector<uint8_t>(out.data, out.data + out.bytes)};
    io::write_npy(args.output_dir + "/output_" + std::to_string(i) + ".npy", array);
  }
}

}  // namespace

void add_run(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand("run", "Run a model on .npy inputs or a photo; write outputs as .npy");
  add_model_args(cmd, args->model);
  cmd->add_option("--input", args->inputs, "input .npy, one per model input, in the model's input order");
  cmd->add_option("--image", args->image, "a PNG or JPEG photo for a model with one NHWC float input");
  cmd->add_option("--scale", args->scale, "with --image: multiply pixel values (0..255) by this");
  cmd->add_option("--mean", args->mean, "with --image: subtract this after scaling (one or per channel)");
  cmd->add_option("--std", args->std, "with --image: then divide by this (one or per channel)");
  cmd->add_option("--output-dir", args->output_dir, "write DIR/output_0.npy, output_1.npy, ...");
  cmd->add_option("--top", args->top, "print the K largest values of each output");
  add_interpreter_args(cmd, args->interpreter);
  cmd->callback([args] { run(*args); });
}

}  // namespace lq::cli
