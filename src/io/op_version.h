// Operator versions and the "min_runtime_version" metadata, computed as TFLite's converter computes
// them when it writes a .tflite file, so that the TFLite runtime (and older runtimes) accept what
// litequant writes. Upstream sources and their commits are named at the top of op_version.cc.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ir/graph.h"

namespace lq::io {

// The version TFLite's converter gives `op` (a node of `graph`) from its tensors' element types,
// quantization, options and ranks. Builtin ops TFLite versions by rule get that rule's result
// (which may be lower than op.version); other ops, and custom ops, keep op.version (never below 1).
// The converter never lowers a version it was given, so a writer stores
// std::max(op.version, required_op_version(op, graph)); written_op_version() is exactly that.
int32_t required_op_version(const ir::Op& op, const ir::Subgraph& graph);
int32_t written_op_version(const ir::Op& op, const ir::Subgraph& graph);

// Minimum TFLite runtime release ("1.14.0") that runs version `version` of `op`; "" when TFLite's
// table has no entry for that pair (custom ops, unknown versions).
std::string min_runtime_version_for_op(tflite::BuiltinOperator op, int32_t version);

// True when release string `a` precedes `b`: dot-separated numbers compared one by one, so
// "1.5.0" < "1.14.0"; when all shared parts are equal the one with fewer parts comes first; a part
// that is not a number on either side is skipped. "" precedes any version.
bool runtime_version_less(std::string_view a, std::string_view b);

// The model's "min_runtime_version": the highest runtime version over all builtin ops of all
// subgraphs, each op taken at written_op_version(). "" when no op has a table entry.
std::string min_runtime_version(const ir::Model& model);

// The metadata buffer as the converter writes it: kMinRuntimeVersionBytes bytes, the version
// string followed by NUL padding. A string of kMinRuntimeVersionBytes characters or more does not
// fit with a terminating NUL; the converter then leaves the buffer all NULs, and so does this.
inline constexpr size_t kMinRuntimeVersionBytes = 16;
std::vector<uint8_t> min_runtime_version_metadata(const std::string& version);

}  // namespace lq::io
