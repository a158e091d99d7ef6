// Runs the built litequant binary (LQ_CLI) for the CLI tests: exit code and what it printed.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace lq::testing {

struct CliResult {
  int code = 0;
  std::string out;  // stdout, and stderr too unless split
};

// `args` go through the shell. With `stdout_only`, stderr is discarded (for output that must parse).
inline CliResult run_litequant(const std::string& args, bool stdout_only = false) {
  const std::string command =
      std::string(LQ_CLI) + " " + args + (stdout_only ? " 2>/dev/null" : " 2>&1");
  CliResult result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {-1, "popen failed: " + command};
  std::array<char, 4096> chunk;
  size_t got;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0)
    result.out.append(chunk.data(), got);
  const int status = pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace lq::testing
