// ONNX conformance: every node test of Debian's libonnx-testdata (/usr/share/libonnx-testdata/data/node/
// test_*/) is converted with the ONNX importer (NCHW inputs, so the reference inputs feed directly),
// run with the reference interpreter and compared with the reference outputs: same shape, floats
// within 1e-4 x max(1, max|reference|), integers and booleans exact.
//
// The test models take weights, shapes, axes and pads as graph inputs. A case is converted and run
// with them as inputs first; if that throws (a translator may need them constant, as they are in a
// deployed model), it is tried again with inputs 1.. as initializers, then with all inputs as
// initializers (the graph then folds to constants). Such passes are counted in "as const". A wrong
// result is never retried.
//
// Each case ends as one of:
//   not run      its op has no translator (or is outside the default ONNX domain)
//   unsupported  the importer threw UnsupportedVariant (a variant TFLite builtins or litequant's kernels
//                cannot express) or the test data has a type TFLite cannot hold; the test still passes
//   opset < 9    the model is older than the importer's opset range (9 to 17); counted apart
//   failed       any other error, or an output that differs; the test fails
//   passed
// A table per op type is printed at the end on lines starting "[ figure ] onnx conformance".
// A graph of several nodes (the *_expanded cases) is counted under "Op (expanded)", the op named
// by the case, and runs only when all of its ops have translators.
//
// Developers:
//   /tmp/lqb/tests/onnx_conformance                      all cases
//   LQ_ONNX_OP=Add,Sub /tmp/lqb/tests/onnx_conformance   only cases of these op types (a graph of
//                                                        several nodes: when all its ops are listed)
//   LQ_ONNX_VERBOSE=1 ...                                one line per case with its result
//   --gtest_filter='*test_add_bcast*'                    single cases by name
//   LQ_ONNX_NO_FORK=1 ...                                run cases in the test process (for a
//                                                        debugger); by default each case runs in a
//                                                        child process, so a crash or a hang (over
//                                                        60 s) fails that case only
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/float16.h"
#include "frontend/onnx/node_context.h"
#include "frontend/onnx/onnx_import.h"
#include "frontend/onnx/onnx_proto.h"
#include "io/file.h"
#include "onnx/onnx_test_data.h"
#include "runtime/interpreter.h"

namespace fs = std::filesystem;

namespace lq {
namespace {

constexpr const char* kDataRoot = "/usr/share/libonnx-testdata/data/node";
constexpr double kTolerance = 1e-4;
constexpr unsigned kCaseSeconds = 60;  // a case running longer is taken to hang

// ---------------------------------------------------------------------------------------------
// Environment

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) items.push_back(item);
  return items;
}

const std::set<std::string>& op_filter() {
  static const std::set<std::string> filter = [] {
    const char* env = std::getenv("LQ_ONNX_OP");
    const std::vector<std::string> ops = split_list(env ? env : "");
    return std::set<std::string>(ops.begin(), ops.end());
  }();
  return filter;
}

bool env_flag(const char* name) {
  const char* env = std::getenv(name);
  return env && *env && std::string(env) != "0";
}

bool verbose() { return env_flag("LQ_ONNX_VERBOSE"); }

// ---------------------------------------------------------------------------------------------
// Cases

struct OnnxCase {
  std::string dir, name;
  std::string row;                    // the table row: "Add", "Celu (expanded)"
  std::vector<std::string> op_types;  // distinct op types of the graph's nodes, Constant excluded;
                                      // "domain.Op" outside the default domain
  std::string unreadable;             // why model.onnx could not be read
};

bool is_default_domain(const std::string& domain) { return domain.empty() || domain == "ai.onnx"; }

std::string squashed_lower(const std::string& text) {
  std::string out;
  for (char c : text)
    if (c != '_') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "test_layer_normalization_2d_axis0_expanded" -> "LayerNormalization (expanded)": the longest op
// type whose lower-case name starts the case name (the test suite's abbreviations included).
std::string expanded_row(const std::string& name, const std::set<std::string>& ops) {
  const std::string key = squashed_lower(name.substr(5));  // without "test_"
  const std::map<std::string, std::string> abbreviations = {
      {"mvn", "MeanVarianceNormalization"}, {"nllloss", "NegativeLogLikelihoodLoss"},
      {"sce", "SoftmaxCrossEntropyLoss"}};
  std::string best, best_key;
  for (const auto& [abbreviation, op] : abbreviations)
    if (key.starts_with(abbreviation)) best = op, best_key = abbreviation;
  for (const std::string& op : ops)
    if (key.starts_with(squashed_lower(op)) && op.size() > best_key.size()) best = best_key = op;
  return (best.empty() ? "(other)" : best) + " (expanded)";
}

std::string row_of(const OnnxCase& c, const std::set<std::string>& single_ops) {
  if (c.op_types.empty()) return "Constant";  // a graph of Constant nodes only (the importer's own)
  if (c.op_types.size() == 1 && !c.name.ends_with("_expanded")) return c.op_types[0];
  return expanded_row(c.name, single_ops);
}

OnnxCase describe_case(const std::string& dir) {
  OnnxCase c;
  c.dir = dir;
  c.name = fs::path(dir).filename().string();
  const onnx::ModelProto model = frontend::read_onnx_model(dir + "/model.onnx");
  for (const onnx::NodeProto& node : model.graph().node()) {
    const std::string op =
        is_default_domain(node.domain()) ? node.op_type() : node.domain() + "." + node.op_type();
    if (op != "Constant" && std::find(c.op_types.begin(), c.op_types.end(), op) == c.op_types.end())
      c.op_types.push_back(op);
  }
  return c;
}

// The op types without a translator, listed; empty when every op has one. Asked at run time, not
// while listing cases, since translators register themselves during static initialization.
std::string missing_translators(const OnnxCase& c) {
  std::string missing;
  for (const std::string& op : c.op_types)
    if (!frontend::find_translator(op)) missing += (missing.empty() ? "" : ", ") + op;
  return missing;
}

bool selected(const OnnxCase& c) {
  const std::set<std::string>& filter = op_filter();
  if (filter.empty()) return true;
  return !c.op_types.empty() && std::all_of(c.op_types.begin(), c.op_types.end(),
                                            [&](const std::string& op) { return filter.count(op) > 0; });
}

std::vector<OnnxCase> all_cases() {
  std::vector<OnnxCase> cases;
  for (const std::string& dir : testing::list_onnx_cases(kDataRoot)) {
    try {
      cases.push_back(describe_case(dir));
    } catch (const Error& e) {  // an unreadable model still shows up, as a failed case
      cases.push_back({dir, fs::path(dir).filename().string(), "(unreadable model)", {}, e.what()});
    }
  }
  std::set<std::string> single_ops;
  for (const OnnxCase& c : cases)
    if (c.op_types.size() == 1) single_ops.insert(c.op_types[0]);
  std::vector<OnnxCase> kept;
  for (OnnxCase& c : cases) {
    if (c.row.empty()) c.row = row_of(c, single_ops);
    if (selected(c)) kept.push_back(std::move(c));
  }
  return kept;
}

const std::vector<OnnxCase>& cases() {
  static const std::vector<OnnxCase> list = all_cases();
  return list;
}

// ---------------------------------------------------------------------------------------------
// Comparing an output with its reference

enum class TypeClass { kFloat, kInteger, kBool, kOther };

TypeClass type_class(ElementType t) {
  switch (t) {
    case ElementType::kFloat16:
    case ElementType::kFloat32:
    case ElementType::kFloat64: return TypeClass::kFloat;
    case ElementType::kBool: return TypeClass::kBool;
    default: return is_integer_type(t) ? TypeClass::kInteger : TypeClass::kOther;
  }
}

template <class T> T load(const uint8_t* data, int64_t i) {
  T v;
  std::memcpy(&v, data + static_cast<size_t>(i) * sizeof(T), sizeof(T));
  return v;
}

double float_at(ElementType t, const uint8_t* data, int64_t i) {
  switch (t) {
    case ElementType::kFloat16: return half_to_float(load<uint16_t>(data, i));
    case ElementType::kFloat32: return load<float>(data, i);
    case ElementType::kFloat64: return load<double>(data, i);
    default: fail("float_at: ", element_type_name(t), " is not a float type");
  }
}

// Integers and booleans as int64 (uint64 values above 2^63 wrap, equally on both sides).
int64_t int_at(ElementType t, const uint8_t* data, int64_t i) {
  switch (t) {
    case ElementType::kBool: return load<uint8_t>(data, i) != 0;
    case ElementType::kInt8: return load<int8_t>(data, i);
    case ElementType::kUInt8: return load<uint8_t>(data, i);
    case ElementType::kInt16: return load<int16_t>(data, i);
    case ElementType::kUInt16: return load<uint16_t>(data, i);
    case ElementType::kInt32: return load<int32_t>(data, i);
    case ElementType::kUInt32: return load<uint32_t>(data, i);
    case ElementType::kInt64: return load<int64_t>(data, i);
    case ElementType::kUInt64: return static_cast<int64_t>(load<uint64_t>(data, i));
    default: fail("int_at: ", element_type_name(t), " is not an integer type");
  }
}

std::string compare_floats(const ir::Tensor& ref, const rt::TensorBuffer& out, int64_t n) {
  double max_ref = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double r = float_at(ref.type, ref.data.data(), i);
    if (std::isfinite(r)) max_ref = std::max(max_ref, std::abs(r));
  }
  const double tolerance = kTolerance * std::max(1.0, max_ref);
  double worst = -1;
  int64_t worst_index = 0;
  for (int64_t i = 0; i < n; ++i) {
    const double r = float_at(ref.type, ref.data.data(), i);
    const double a = float_at(out.type, out.data, i);
    double err = 0;
    if (std::isnan(r) || std::isnan(a)) err = std::isnan(r) && std::isnan(a) ? 0 : INFINITY;
    else if (std::isinf(r) || std::isinf(a)) err = r == a ? 0 : INFINITY;
    else err = std::abs(a - r);
    if (err > worst) worst = err, worst_index = i;
  }
  if (worst <= tolerance) return "";
  return cat("max error ", worst, " > ", tolerance, " at element ", worst_index, ": got ",
             float_at(out.type, out.data, worst_index), ", expected ",
             float_at(ref.type, ref.data.data(), worst_index));
}

std::string compare_ints(const ir::Tensor& ref, const rt::TensorBuffer& out, int64_t n) {
  int64_t wrong = 0, first = -1;
  for (int64_t i = 0; i < n; ++i)
    if (int_at(ref.type, ref.data.data(), i) != int_at(out.type, out.data, i)) {
      if (first < 0) first = i;
      ++wrong;
    }
  if (wrong == 0) return "";
  return cat(wrong, " of ", n, " elements differ; first at ", first, ": got ",
             int_at(out.type, out.data, first), ", expected ", int_at(ref.type, ref.data.data(), first));
}

// Empty when the output matches its reference.
std::string compare_output(const ir::Tensor& ref, const rt::TensorBuffer& out) {
  const TypeClass cls = type_class(ref.type);
  if (cls == TypeClass::kOther || cls != type_class(out.type))
    return cat("type ", element_type_name(out.type), ", expected ", element_type_name(ref.type));
  if (out.shape != ref.shape)
    return cat("shape ", shape_string(out.shape), ", expected ", shape_string(ref.shape));
  const int64_t n = num_elements(ref.shape);
  return cls == TypeClass::kFloat ? compare_floats(ref, out, n) : compare_ints(ref, out, n);
}

// ---------------------------------------------------------------------------------------------
// Running a case

enum class Outcome { kNotRun, kPassed, kUnsupported, kFailed };

// Which of the test's inputs become initializers of the model: none (the graph as the test gives
// it), every input but the first (as a deployed model holds its weights, shapes, axes and pads), or
// all (the graph folds to constants: ConstantOfShape, Range).
enum class Frozen { kNone, kAllButFirst, kAll };

bool is_frozen(Frozen frozen, size_t input) {
  return frozen == Frozen::kAll || (frozen == Frozen::kAllButFirst && input > 0);
}

const char* frozen_note(Frozen frozen) {
  switch (frozen) {
    case Frozen::kNone: return "";
    case Frozen::kAllButFirst: return " (inputs 1.. as constants)";
    case Frozen::kAll: return " (all inputs as constants)";
  }
  return "";
}

struct CaseResult {
  Outcome outcome = Outcome::kPassed;
  std::string message;
  Frozen frozen = Frozen::kNone;  // the attempt the result comes from
  bool threw = false;             // conversion or run threw: an attempt with constants may succeed
};

void check_tensor_values(const onnx::GraphProto& graph) {
  auto check = [](const onnx::ValueInfoProto& v, const char* what) {
    if (!v.type().has_tensor_type())
      throw frontend::UnsupportedVariant(cat("graph ", what, " '", v.name(), "' is not a tensor"));
  };
  for (const onnx::ValueInfoProto& v : graph.input()) check(v, "input");
  for (const onnx::ValueInfoProto& v : graph.output()) check(v, "output");
}

std::map<std::string, Shape> input_shapes(const onnx::GraphProto& graph, const testing::OnnxTestSet& set) {
  LQ_CHECK(set.inputs.size() <= static_cast<size_t>(graph.input_size()), set.dir, ": ", set.inputs.size(),
           " inputs for a graph of ", graph.input_size());
  std::map<std::string, Shape> shapes;
  for (size_t k = 0; k < set.inputs.size(); ++k)
    shapes[graph.input(static_cast<int>(k)).name()] = set.inputs[k].shape;
  return shapes;
}

// Where the model with inputs as initializers is written while it is converted.
std::string constant_inputs_path(const OnnxCase& c) {
  return cat(LQ_TEST_WORK_DIR, "/", c.name, "_constant_inputs.", getpid(), ".onnx");
}

// Converts the case's model, with the frozen inputs of `set` as initializers (written to a file,
// since the importer reads files).
ir::Model convert(const OnnxCase& c, const onnx::ModelProto& proto, const testing::OnnxTestSet& set,
                  Frozen frozen) {
  frontend::OnnxImportOptions options;
  options.input_layout = frontend::InputLayout::kNchw;
  options.input_shapes = input_shapes(proto.graph(), set);
  if (frozen == Frozen::kNone) return frontend::import_onnx(c.dir + "/model.onnx", options);
  onnx::ModelProto copy = proto;
  for (size_t k = 0; k < set.input_files.size(); ++k) {
    if (!is_frozen(frozen, k)) continue;
    onnx::TensorProto* init = copy.mutable_graph()->add_initializer();
    *init = testing::read_tensor_proto(set.input_files[k]);
    init->set_name(proto.graph().input(static_cast<int>(k)).name());
  }
  const std::string path = constant_inputs_path(c);
  const std::string bytes = copy.SerializeAsString();
  io::write_file_atomic(path, bytes.data(), bytes.size());
  struct Remove {
    std::string path;
    ~Remove() { std::remove(path.c_str()); }
  } remove{path};
  return frontend::import_onnx(path, options);
}

// Runs one data set; throws on a run error, returns a message on a mismatch.
std::string run_set(const ir::Model& model, const testing::OnnxTestSet& set, Frozen frozen) {
  rt::Interpreter interpreter(model);
  int i = 0;
  for (size_t k = 0; k < set.inputs.size(); ++k) {
    if (is_frozen(frozen, k)) continue;
    const ir::Tensor& in = set.inputs[k];
    LQ_CHECK(i < interpreter.num_inputs(), "the model has ", interpreter.num_inputs(),
             " inputs, the test data more");
    LQ_CHECK(interpreter.input(i).type == in.type, "input ", i, ": the model takes ",
             element_type_name(interpreter.input(i).type), ", the test data is ", element_type_name(in.type));
    interpreter.set_input(i++, in.data.data(), in.data.size());
  }
  LQ_CHECK(i == interpreter.num_inputs(), "the model has ", interpreter.num_inputs(),
           " inputs, the test data ", i);
  interpreter.invoke();
  LQ_CHECK(interpreter.num_outputs() == static_cast<int>(set.outputs.size()), "the model has ",
           interpreter.num_outputs(), " outputs, the test data ", set.outputs.size());
  for (size_t k = 0; k < set.outputs.size(); ++k) {
    const std::string problem = compare_output(set.outputs[k], interpreter.output(static_cast<int>(k)));
    if (!problem.empty()) return cat(fs::path(set.dir).filename().string(), " output ", k, ": ", problem);
  }
  return "";
}

// An error names the case's model.onnx, not the temporary copy with constant inputs.
std::string name_case_model(const OnnxCase& c, std::string message) {
  const std::string temporary = constant_inputs_path(c);
  for (size_t at; (at = message.find(temporary)) != std::string::npos;)
    message.replace(at, temporary.size(), c.dir + "/model.onnx");
  return message;
}

CaseResult attempt(const OnnxCase& c, const onnx::ModelProto& proto,
                   const std::vector<testing::OnnxTestSet>& sets, Frozen frozen) {
  try {
    std::optional<ir::Model> model;
    std::map<std::string, Shape> shapes;
    for (const testing::OnnxTestSet& set : sets) {
      // Convert again for new input shapes, or new values of frozen inputs.
      if (!model || frozen != Frozen::kNone || input_shapes(proto.graph(), set) != shapes) {
        shapes = input_shapes(proto.graph(), set);
        model = convert(c, proto, set, frozen);
      }
      const std::string problem = run_set(*model, set, frozen);
      if (!problem.empty()) return {Outcome::kFailed, problem, frozen, false};
    }
    return {Outcome::kPassed, "", frozen, false};
  } catch (const frontend::UnsupportedVariant& e) {
    return {Outcome::kUnsupported, name_case_model(c, e.what()), frozen, true};
  } catch (const std::exception& e) {  // lq::Error, and anything a bug throws
    return {Outcome::kFailed, name_case_model(c, e.what()), frozen, true};
  }
}

// The test's inputs as graph inputs first; when conversion or the run throws (a translator may need
// shapes, axes or weights to be constants), again with inputs as constants. A wrong result is not
// retried.
CaseResult convert_and_run(const OnnxCase& c) {
  onnx::ModelProto proto;
  std::vector<testing::OnnxTestSet> sets;
  try {
    proto = frontend::read_onnx_model(c.dir + "/model.onnx");
    check_tensor_values(proto.graph());
    sets = testing::read_onnx_test_sets(c.dir);
    LQ_CHECK(!sets.empty(), c.dir, ": no test_data_set_N folder");
  } catch (const frontend::UnsupportedVariant& e) {
    return {Outcome::kUnsupported, e.what()};
  } catch (const std::exception& e) {
    return {Outcome::kFailed, e.what()};
  }
  const CaseResult first = attempt(c, proto, sets, Frozen::kNone);
  CaseResult last = first;
  const size_t inputs = sets[0].inputs.size();
  for (Frozen frozen : {Frozen::kAllButFirst, Frozen::kAll}) {
    if (!last.threw) break;
    if (inputs > (frozen == Frozen::kAll ? 0u : 1u)) last = attempt(c, proto, sets, frozen);
  }
  if (!last.threw) return last;
  // Retries that changed nothing leave the first answer.
  if (last.outcome == first.outcome && last.message == first.message) return first;
  last.message += cat("\n    with the test's inputs as graph inputs: ", first.message);
  return last;
}

std::string child_death(int status) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGALRM) return cat("timed out after ", kCaseSeconds, " s");
    return cat("crashed: signal ", sig, " (", strsignal(sig), ")");
  }
  return cat("the case's process exited with status ", WEXITSTATUS(status), " without a result");
}

// Runs the case in a child process, so that a crash or a hang in a translator or kernel being
// written fails that case only. The child sends two digits (outcome, attempt) and the message through
// a pipe.
CaseResult run_in_child(const OnnxCase& c) {
  int fds[2];
  LQ_CHECK(pipe(fds) == 0, "pipe: ", std::strerror(errno));
  std::cout.flush();
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    fail("fork: ", std::strerror(errno));
  }
  if (pid == 0) {
    close(fds[0]);
    alarm(kCaseSeconds);
    const CaseResult r = convert_and_run(c);
    const std::string text = cat(static_cast<int>(r.outcome), static_cast<int>(r.frozen), r.message);
    for (size_t done = 0; done < text.size();) {
      const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) _exit(3);
      done += static_cast<size_t>(n);
    }
    _exit(0);  // no destructors or atexit handlers of the parent's state
  }
  close(fds[1]);
  std::string text;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || text.size() < 2)
    return {Outcome::kFailed, child_death(status)};
  return {static_cast<Outcome>(text[0] - '0'), text.substr(2), static_cast<Frozen>(text[1] - '0')};
}

CaseResult run_case(const OnnxCase& c) {
  if (!c.unreadable.empty()) return {Outcome::kFailed, c.unreadable};
  const std::string missing = missing_translators(c);
  if (!missing.empty()) return {Outcome::kNotRun, "no translator for " + missing};
  return env_flag("LQ_ONNX_NO_FORK") ? convert_and_run(c) : run_in_child(c);
}

// ---------------------------------------------------------------------------------------------
// The table

// "unsupported" counts variants; cases whose model is older than opset 9 (outside the importer's
// range) are counted apart, as "opset < 9".
struct RowCounts {
  int ran = 0, passed = 0, with_constants = 0, unsupported = 0, old_opset = 0, failed = 0, not_run = 0;
  void add(const RowCounts& o) {
    ran += o.ran, passed += o.passed, with_constants += o.with_constants;
    unsupported += o.unsupported, old_opset += o.old_opset, failed += o.failed, not_run += o.not_run;
  }
};

bool below_opset_range(const CaseResult& r) {
  return r.message.find("litequant imports opsets") != std::string::npos;
}

std::map<std::string, RowCounts>& rows() {
  static std::map<std::string, RowCounts> table;
  return table;
}

void record(const OnnxCase& c, const CaseResult& r) {
  RowCounts& row = rows()[c.row];
  switch (r.outcome) {
    case Outcome::kNotRun: ++row.not_run; return;
    case Outcome::kPassed:
      ++row.passed;
      row.with_constants += r.frozen != Frozen::kNone;
      break;
    case Outcome::kUnsupported: ++(below_opset_range(r) ? row.old_opset : row.unsupported); break;
    case Outcome::kFailed: ++row.failed; break;
  }
  ++row.ran;
}

const char* outcome_name(Outcome o) {
  switch (o) {
    case Outcome::kNotRun: return "not run";
    case Outcome::kPassed: return "passed";
    case Outcome::kUnsupported: return "unsupported";
    case Outcome::kFailed: return "FAILED";
  }
  return "?";
}

constexpr const char* kFigure = "[ figure ] onnx conformance ";

template <class... Cells> void print_row(const std::string& op, const Cells&... cells) {
  std::cout << kFigure << std::left << std::setw(38) << op << std::right;
  ((std::cout << std::setw(13) << cells), ...);
  std::cout << "\n";
}

// "passed" counts also the cases that passed only with inputs as constants ("as const").
void print_table() {
  RowCounts total;
  std::vector<std::string> not_run;
  print_row("op", "ran", "passed", "as const", "unsupported", "opset < 9", "failed");
  for (const auto& [op, row] : rows()) {
    total.add(row);
    if (row.ran == 0) not_run.push_back(op);
    else print_row(op, row.ran, row.passed, row.with_constants, row.unsupported, row.old_opset, row.failed);
  }
  print_row("total", total.ran, total.passed, total.with_constants, total.unsupported, total.old_opset,
            total.failed);
  std::cout << kFigure << "not run (no translator): " << total.not_run << " cases of " << not_run.size()
            << " ops" << (not_run.empty() ? "" : ":");
  for (const std::string& op : not_run) std::cout << " " << op;
  std::cout << std::endl;
}

class TablePrinter : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!rows().empty()) print_table();
  }
};

[[maybe_unused]] ::testing::Environment* const kTablePrinter =
    ::testing::AddGlobalTestEnvironment(new TablePrinter);

// ---------------------------------------------------------------------------------------------
// Tests

// gtest names a failing parameter by this, instead of its bytes.
void PrintTo(const OnnxCase& c, std::ostream* out) { *out << c.name; }

class OnnxConformance : public ::testing::TestWithParam<OnnxCase> {};

TEST_P(OnnxConformance, Case) {
  const OnnxCase& c = GetParam();
  const CaseResult r = run_case(c);
  record(c, r);
  if (verbose())
    std::cout << "[ onnx ] " << c.name << " (" << c.row << "): " << outcome_name(r.outcome)
              << frozen_note(r.frozen) << (r.message.empty() ? "" : ": ") << r.message << std::endl;
  if (r.outcome == Outcome::kFailed) ADD_FAILURE() << c.row << frozen_note(r.frozen) << ": " << r.message;
}

INSTANTIATE_TEST_SUITE_P(Node, OnnxConformance, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<OnnxCase>& param) { return param.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(OnnxConformance);

// The suite must not pass by finding nothing to run.
TEST(OnnxConformanceData, CasesFound) {
  ASSERT_TRUE(fs::is_directory(kDataRoot)) << kDataRoot << " is missing: install libonnx-testdata";
  EXPECT_FALSE(cases().empty()) << "no case matches the LQ_ONNX_OP filter";
}

}  // namespace
}  // namespace lq
