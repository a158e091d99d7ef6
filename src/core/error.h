// Errors are exceptions of one type, lq::Error, thrown where a problem is found and caught at the API
// edge (the CLI prints the message on one line). Messages name the file, op or tensor and what was
// expected.
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>

namespace lq {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Concatenates anything streamable into one string: cat("op ", 3, ": bad shape").
template <class... Args>
std::string cat(Args&&... args) {
  std::ostringstream out;
  (out << ... << std::forward<Args>(args));
  return out.str();
}

template <class... Args>
[[noreturn]] void fail(Args&&... args) {
  throw Error(cat(std::forward<Args>(args)...));
}

// Checks a condition that input data (a model file, a .npy file, a flag) must satisfy.
#define LQ_CHECK(cond, ...)          \
  do {                               \
    if (!(cond)) ::lq::fail(__VA_ARGS__); \
  } while (0)

}  // namespace lq
