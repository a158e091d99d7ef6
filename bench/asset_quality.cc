// asset_quality: what each quantization mode costs on the fetched asset models
// (tests/testing/asset_models.h: MediaPipe's image models, openWakeWord's audio chain), measured on
// real inputs against the float model, all run by litequant's interpreter. Prints a markdown table.
//
//   asset_quality [--photos N] [--model SUBSTRING]
//
// Inputs
//   Image models: the top-level *.jpg photos of Debian's opencv-doc examples, sorted by name;
//   converted to the input's channels, resized bilinearly (io/image.h) and scaled from [0, 255] to
//   the model's [lo, hi] (asset_models.h). --photos N takes N of each half, evenly spaced (default:
//   all, 30 to calibrate and 29 to evaluate; about 2.5 minutes on one core).
//   openWakeWord: the alsa-utils sounds (/usr/share/sounds/alsa/*.wav, 48 kHz) read and decimated
//   to 16 kHz (io/wav.h), rounded to int16 values, and each half's files joined into one stream in
//   name order. As openWakeWord's streaming AudioFeatures (utils.py) does, melspectrogram gets the
//   int16 samples as float32 without scaling, 1280 new samples per 80 ms step plus the 480 before
//   them (input [1,1760], 8 mel frames of 32 bins); its output becomes x / 10 + 2; embedding_model
//   gets windows of 76 frames every 8 frames ([1,76,32,1], one 96-value embedding per step);
//   hey_jarvis gets the last 16 embeddings at every step ([1,16,96]) (openwakeword/model.py,
//   Model.predict). The chain runs on the float models. The sounds hold runs of exact zeros
//   (digital silence between words), whose mel values are the model's floor, 10 log10 of its 1e-10
//   clamp: -100.
// Split: items at even positions of the sorted list (photos, sound files) calibrate, those at odd
// positions evaluate; the halves are disjoint.
// Modes: float16, dynamic, int8 (per-channel and per-tensor weights) and int16x8, with float32
// model inputs and outputs; int8 and int16x8 are calibrated by min/max on the calibration half.
// Columns: size of the model as litequant writes it; SQNR (dB) of each output against the float
// model over the evaluation half (analysis/metrics.h), and the lowest cosine of any output;
// agreement of the model's decision (see kDecisions); the ops the mode left float; mean time of one
// run of litequant's reference kernels.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/metrics.h"
#include "core/error.h"
#include "data/dataset.h"
#include "io/image.h"
#include "io/npy.h"
#include "io/tflite_reader.h"
#include "io/tflite_writer.h"
#include "io/wav.h"
#include "quant/calibration.h"
#include "quant/quantize.h"
#include "runtime/interpreter.h"
#include "testing/asset_models.h"

namespace lq::bench {
namespace {

namespace fs = std::filesystem;
using testing::AssetModel;

constexpr const char* kPhotoDir = "/usr/share/doc/opencv-doc/examples/data";
constexpr const char* kSoundDir = "/usr/share/sounds/alsa";

// openWakeWord's streaming front end (see the top of the file).
constexpr int kRate = 16000;
constexpr int kStep = 1280;    // 80 ms of new audio per step
constexpr int kContext = 480;  // 3 hops of 160 samples before it
constexpr int kMelBins = 32;
constexpr int kMelWindow = 76, kMelStride = 8;
constexpr int kEmbedding = 96, kEmbeddingWindow = 16;

// What "agreement" means for a model: the arg-max of each row of one output (analysis/metrics.h),
// or the yes/no decision value > threshold on every element of it. The face detectors' second
// output is a logit per anchor, and MediaPipe keeps an anchor whose probability exceeds 0.5
// (min_score_thresh): a logit above 0. Selfie masks, the hand flag and the wake-word score are
// probabilities (the models end in LOGISTIC).
struct Decision {
  const char* file;
  int output;
  std::optional<float> threshold;
  const char* what;
};
const Decision kDecisions[] = {
    {"face_detection_short_range.tflite", 1, 0.0f, "anchors with face logit > 0"},
    {"face_detection_full_range.tflite", 1, 0.0f, "anchors with face logit > 0"},
    {"face_detection_full_range_sparse.tflite", 1, 0.0f, "anchors with face logit > 0"},
    {"selfie_segmentation.tflite", 0, 0.5f, "mask pixels > 0.5"},
    {"selfie_segmentation_landscape.tflite", 0, 0.5f, "mask pixels > 0.5"},
    {"hand_landmark_lite.tflite", 1, 0.5f, "hand flag > 0.5"},
    {"hey_jarvis_v0.1.tflite", 0, 0.5f, "wake word score > 0.5"},
};

const Decision* decision_of(const AssetModel& m) {
  for (const Decision& d : kDecisions)
    if (m.file == d.file) return &d;
  return nullptr;  // regression outputs (boxes, features): SQNR only
}

struct ModeSpec {
  const char* label;
  quant::Mode mode;
  bool per_tensor;
};
const ModeSpec kModes[] = {
    {"float16", quant::Mode::kFloat16, false},
    {"dynamic", quant::Mode::kDynamic, false},
    {"int8 per-channel", quant::Mode::kInt8, false},
    {"int8 per-tensor", quant::Mode::kInt8, true},
    {"int16x8", quant::Mode::kInt16x8, false},
};

// One array per sample for the model's single input.
struct Samples {
  std::vector<io::Array> calibration, evaluation;
};

// A model's outputs over samples: [sample][output] -> values; the shapes of its outputs; the mean
// time of one run.
struct Run {
  std::vector<std::vector<std::vector<float>>> values;
  std::vector<Shape> shapes;
  double ms = 0;
};

std::vector<fs::path> list_files(const fs::path& dir, const std::string& ext) {
  std::vector<fs::path> files;
  if (fs::is_directory(dir))
    for (const fs::directory_entry& e : fs::directory_iterator(dir))
      if (e.is_regular_file() && e.path().extension() == ext) files.push_back(e.path());
  LQ_CHECK(!files.empty(), dir.string(), ": no *", ext, " files (run scripts/setup.sh)");
  std::sort(files.begin(), files.end());
  return files;
}

// Even positions, then odd positions.
template <class T>
std::pair<std::vector<T>, std::vector<T>> split_halves(const std::vector<T>& all) {
  std::pair<std::vector<T>, std::vector<T>> halves;
  for (size_t i = 0; i < all.size(); ++i) (i % 2 ? halves.second : halves.first).push_back(all[i]);
  return halves;
}

// At most n of `items`, evenly spaced, in order.
template <class T>
std::vector<T> spread(const std::vector<T>& items, size_t n) {
  if (n == 0 || n >= items.size()) return items;
  std::vector<T> out;
  for (size_t i = 0; i < n; ++i) out.push_back(items[i * items.size() / n]);
  return out;
}

io::Array float_array(const Shape& shape, const float* values) {
  io::Array a{ElementType::kFloat32, shape,
              std::vector<uint8_t>(static_cast<size_t>(num_elements(shape)) * 4)};
  std::memcpy(a.data.data(), values, a.data.size());
  return a;
}

// The model's single input tensor.
ir::Tensor& input_tensor(ir::Model& model) {
  ir::Subgraph& g = model.subgraphs.at(0);
  LQ_CHECK(g.inputs.size() == 1, "asset models have one input; this one has ", g.inputs.size());
  return g.tensors.at(static_cast<size_t>(g.inputs[0]));
}

// The float model with its placeholder input shape replaced by the one it runs with here, so that
// the data set, calibration and the interpreter all see it.
ir::Model load_float(const AssetModel& m) {
  ir::Model model = io::read_tflite(testing::asset_path(m).string());
  quant::read_as_float(model);
  if (m.file == "melspectrogram.tflite")
    input_tensor(model).shape = {1, kStep + kContext};
  else if (!m.input_shape.empty())
    input_tensor(model).shape = m.input_shape;
  return model;
}

// Runs `model` on each input; every output must be float32.
Run run_model(const ir::Model& model, const std::vector<io::Array>& inputs) {
  rt::Interpreter interpreter(model);
  Run run;
  for (int o = 0; o < interpreter.num_outputs(); ++o)
    run.shapes.push_back(interpreter.output(o).shape);
  std::chrono::duration<double, std::milli> spent{0};
  for (const io::Array& in : inputs) {
    interpreter.set_input(0, in.data.data(), in.data.size());
    const auto start = std::chrono::steady_clock::now();
    interpreter.invoke();
    spent += std::chrono::steady_clock::now() - start;
    std::vector<std::vector<float>>& sample = run.values.emplace_back();
    for (int o = 0; o < interpreter.num_outputs(); ++o) {
      const rt::TensorBuffer& out = interpreter.output(o);
      LQ_CHECK(out.type == ElementType::kFloat32, "output '", out.name(), "' is not float32");
      sample.emplace_back(out.as<float>(), out.as<float>() + out.elements());
    }
  }
  if (!inputs.empty()) run.ms = spent.count() / static_cast<double>(inputs.size());
  return run;
}

// --- image models ---

io::Array photo_input(const AssetModel& m, const Shape& shape, const fs::path& photo) {
  LQ_CHECK(shape.size() == 4, m.file, ": expected an NHWC image input");
  const io::Image image = io::convert_channels(io::read_image(photo.string()), shape[3]);
  std::vector<float> values = io::resize_bilinear(image, shape[2], shape[1]);
  for (float& v : values) v = m.lo + (m.hi - m.lo) * v / 255.0f;
  return float_array(shape, values.data());
}

Samples photo_samples(const AssetModel& m, const Shape& shape, size_t per_half) {
  const auto [calibration, evaluation] = split_halves(list_files(kPhotoDir, ".jpg"));
  Samples s;
  for (const fs::path& p : spread(calibration, per_half))
    s.calibration.push_back(photo_input(m, shape, p));
  for (const fs::path& p : spread(evaluation, per_half))
    s.evaluation.push_back(photo_input(m, shape, p));
  return s;
}

// --- openWakeWord chain ---

// The files at 16 kHz joined in order, as int16 values (openWakeWord takes 16-bit PCM).
std::vector<float> sound_stream(const std::vector<fs::path>& files) {
  std::vector<float> stream;
  for (const fs::path& f : files) {
    const io::Audio audio = io::resample(io::read_wav(f.string()), kRate);
    for (float v : audio.samples) stream.push_back(std::clamp(std::round(v), -32768.0f, 32767.0f));
  }
  return stream;
}

// Consecutive windows of `window` rows of `row` values, every `stride` rows, each shaped `shape`.
std::vector<io::Array> windows(const std::vector<float>& rows, int row, int window, int stride,
                               const Shape& shape) {
  std::vector<io::Array> out;
  const auto count = static_cast<int64_t>(rows.size()) / row;
  for (int64_t first = 0; first + window <= count; first += stride)
    out.push_back(float_array(shape, rows.data() + first * row));
  return out;
}

// Output 0 of every sample, one after the other.
std::vector<float> joined(const Run& run, float scale, float offset) {
  std::vector<float> all;
  for (const auto& sample : run.values)
    for (float v : sample.at(0)) all.push_back(v * scale + offset);
  return all;
}

// The inputs of melspectrogram, embedding_model and hey_jarvis from one half of the sounds.
struct ChainInputs {
  std::vector<io::Array> mel, embedding, wake_word;
};

ChainInputs chain_inputs(const std::vector<fs::path>& files, const ir::Model& mel,
                         const ir::Model& embedding) {
  ChainInputs in;
  in.mel = windows(sound_stream(files), 1, kStep + kContext, kStep, {1, kStep + kContext});
  const std::vector<float> frames = joined(run_model(mel, in.mel), 0.1f, 2.0f);
  in.embedding = windows(frames, kMelBins, kMelWindow, kMelStride, {1, kMelWindow, kMelBins, 1});
  const std::vector<float> embeddings = joined(run_model(embedding, in.embedding), 1.0f, 0.0f);
  in.wake_word =
      windows(embeddings, kEmbedding, kEmbeddingWindow, 1, {1, kEmbeddingWindow, kEmbedding});
  return in;
}

const AssetModel& asset(const std::string& file) {
  for (const AssetModel& m : testing::asset_models())
    if (m.file == file) return m;
  fail("no asset model ", file);
}

// Samples for the three models of the chain, keyed by file name.
std::map<std::string, Samples> audio_samples() {
  const auto [calibration, evaluation] = split_halves(list_files(kSoundDir, ".wav"));
  const ir::Model mel = load_float(asset("melspectrogram.tflite"));
  const ir::Model embedding = load_float(asset("embedding_model.tflite"));
  ChainInputs cal = chain_inputs(calibration, mel, embedding);
  ChainInputs eval = chain_inputs(evaluation, mel, embedding);
  std::map<std::string, Samples> out;
  out["melspectrogram.tflite"] = {std::move(cal.mel), std::move(eval.mel)};
  out["embedding_model.tflite"] = {std::move(cal.embedding), std::move(eval.embedding)};
  out["hey_jarvis_v0.1.tflite"] = {std::move(cal.wake_word), std::move(eval.wake_word)};
  return out;
}

// --- measuring ---

// Writes the samples as one .npy ([samples, ...input shape]) and calibrates through data::Dataset,
// as `litequant quantize --data` does.
int64_t calibrate(const ir::Model& model, const std::vector<io::Array>& samples,
                  const fs::path& dir, quant::Calibrator& calibrator) {
  LQ_CHECK(!samples.empty(), "no calibration samples");
  io::Array all{ElementType::kFloat32, samples[0].shape, {}};
  all.shape.insert(all.shape.begin(), static_cast<int32_t>(samples.size()));
  for (const io::Array& s : samples) all.data.insert(all.data.end(), s.data.begin(), s.data.end());
  const std::string path = (dir / "calibration.npy").string();
  io::write_npy(path, all);
  data::Dataset data(path, data::model_inputs(model), data::Preprocess{});
  return quant::calibrate(model, data, calibrator);
}

// One line of the table.
struct Row {
  std::string mode, error;
  size_t bytes = 0;
  std::vector<analysis::ErrorStats> outputs;
  analysis::Agreement argmax;
  int64_t decisions = 0, agreeing = 0;  // threshold decisions
  std::string float_ops;
  double ms = 0;
};

// Compares a quantized run with the float one, output by output.
void compare(const Run& reference, const Run& run, const Decision* decision, Row& row) {
  row.outputs.resize(reference.shapes.size());
  for (size_t s = 0; s < reference.values.size(); ++s) {
    for (size_t o = 0; o < row.outputs.size(); ++o)
      row.outputs[o].add(reference.values[s][o], run.values.at(s).at(o));
    if (!decision) continue;
    const auto d = static_cast<size_t>(decision->output);
    const std::vector<float>& ref = reference.values[s].at(d);
    const std::vector<float>& x = run.values[s][d];
    if (!decision->threshold) {
      row.argmax.add(ref, x, analysis::row_length(reference.shapes[d]));
      continue;
    }
    // A yes/no decision per element; no accumulator for it in analysis/metrics.h yet.
    const float t = *decision->threshold;
    for (size_t i = 0; i < ref.size(); ++i) row.agreeing += (ref[i] > t) == (x[i] > t);
    row.decisions += static_cast<int64_t>(ref.size());
  }
}

std::string op_list(const quant::OpCounts& counts) {
  std::string list;
  for (const auto& [name, n] : counts)
    list += cat(list.empty() ? "" : ", ", name, n > 1 ? cat(" x", n) : "");
  return list.empty() ? "none" : list;
}

Row measure(const ir::Model& float_model, const ModeSpec& spec, const quant::Calibrator& calibrator,
            int64_t calibration_samples, const Samples& samples, const Run& reference,
            const Decision* decision) {
  Row row;
  row.mode = spec.label;
  try {
    ir::Model model = float_model;
    quant::QuantizeOptions options;
    options.mode = spec.mode;
    options.per_tensor = spec.per_tensor;
    if (spec.mode == quant::Mode::kInt8 || spec.mode == quant::Mode::kInt16x8) {
      options.calibration = &calibrator;
      options.calibration_samples = calibration_samples;
    }
    const quant::QuantizeReport report = quant::quantize(model, options);
    row.bytes = io::serialize_tflite(model).size();
    row.float_ops = op_list(report.float_ops);
    const Run run = run_model(model, samples.evaluation);
    row.ms = run.ms;
    compare(reference, run, decision, row);
  } catch (const Error& e) {
    row.error = e.what();
  }
  return row;
}

// --- printing ---

std::string fixed(double v, int digits) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << v;
  return out.str();
}

std::string kib(size_t bytes) { return fixed(static_cast<double>(bytes) / 1024.0, 0); }

std::string sqnr_list(const Row& row) {
  std::string list;
  for (const analysis::ErrorStats& e : row.outputs)
    list += cat(list.empty() ? "" : " / ", fixed(e.sqnr_db(), 1));
  return list;
}

std::string min_cosine(const Row& row) {
  double lowest = 1;
  for (const analysis::ErrorStats& e : row.outputs) lowest = std::min(lowest, e.cosine());
  return fixed(lowest, 5);
}

std::string agreement(const Row& row, const Decision* decision) {
  if (!decision) return "-";
  const int64_t agree = decision->threshold ? row.agreeing : row.argmax.agreeing();
  const int64_t total = decision->threshold ? row.decisions : row.argmax.rows();
  if (total == 0) return "-";
  return cat(fixed(100.0 * static_cast<double>(agree) / static_cast<double>(total), 2), "% (",
             agree, "/", total, ")");
}

// Markdown cells may not hold '|'.
std::string cell(std::string text) {
  for (char& ch : text)
    if (ch == '|') ch = '/';
  return text;
}

void print_header() {
  std::cout << "| model | samples cal/eval | mode | size KiB | SQNR dB per output | min cosine | "
               "agreement | ms/run | ops left float |\n"
            << "|---|---|---|---|---|---|---|---|---|\n";
}

void print_row(const std::string& model, const Row& row, const Decision* decision) {
  std::cout << "| " << model << " | | " << row.mode << " | ";
  if (!row.error.empty()) {
    std::cout << "failed: " << cell(row.error) << " | | | | | |" << std::endl;
    return;
  }
  std::cout << kib(row.bytes) << " | " << sqnr_list(row) << " | " << min_cosine(row) << " | "
            << agreement(row, decision) << " | " << fixed(row.ms, 1) << " | " << cell(row.float_ops)
            << " |" << std::endl;
}

// What the agreement column measures, and for yes/no decisions how many the float model says yes
// to (agreement means little when it never does).
std::string decision_text(const Decision* decision, const Run& reference) {
  if (!decision) return "-";
  if (!decision->threshold) return cat("(", decision->what, ")");
  int64_t yes = 0, all = 0;
  for (const auto& sample : reference.values)
    for (float v : sample.at(static_cast<size_t>(decision->output))) {
      yes += v > *decision->threshold;
      ++all;
    }
  return cat("(", decision->what, "; float: ", yes, " of ", all, " yes)");
}

void bench_model(const AssetModel& m, const ir::Model& model, const Samples& samples,
                 const fs::path& dir) {
  const Decision* decision = decision_of(m);
  const Run reference = run_model(model, samples.evaluation);
  quant::MinMaxCalibrator calibrator;
  const int64_t calibrated = calibrate(model, samples.calibration, dir, calibrator);
  const std::string name = testing::asset_name(m);
  std::cout << "| " << name << " | " << calibrated << "/" << samples.evaluation.size()
            << " | float32 | " << kib(io::serialize_tflite(model).size()) << " | | | "
            << decision_text(decision, reference) << " | " << fixed(reference.ms, 1) << " | |"
            << std::endl;
  for (const ModeSpec& spec : kModes)
    print_row(name, measure(model, spec, calibrator, calibrated, samples, reference, decision),
              decision);
}

struct Args {
  size_t photos = 0;  // all
  std::string only;
};

Args parse_args(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    LQ_CHECK(i + 1 < argc && (flag == "--photos" || flag == "--model"),
             "usage: asset_quality [--photos N] [--model SUBSTRING] (got '", flag, "')");
    const std::string value = argv[++i];
    if (flag == "--model") {
      args.only = value;
      continue;
    }
    try {
      args.photos = std::stoul(value);
    } catch (const std::exception&) {
      fail("--photos: expected a count, got '", value, "'");
    }
  }
  return args;
}

// A folder for the calibration files, removed however the run ends.
class TempDir {
 public:
  TempDir() : path_(fs::temp_directory_path() / cat("lq_asset_quality.", getpid())) {
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void run(const Args& args) {
  const TempDir dir;
  std::map<std::string, Samples> audio;
  print_header();
  for (const AssetModel& m : testing::asset_models()) {
    if (m.file.find(args.only) == std::string::npos) continue;
    ir::Model model = load_float(m);
    if (!m.photo && audio.empty()) audio = audio_samples();
    const Samples samples =
        m.photo ? photo_samples(m, input_tensor(model).shape, args.photos) : audio.at(m.file);
    bench_model(m, model, samples, dir.path());
  }
}

}  // namespace
}  // namespace lq::bench

int main(int argc, char** argv) {
  try {
    lq::bench::run(lq::bench::parse_args(argc, argv));
  } catch (const lq::Error& e) {
    std::cerr << "asset_quality: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
