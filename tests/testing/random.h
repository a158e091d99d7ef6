// Seeded test inputs, the same on every machine: the project's SplitMix64 (data/subset.h) with a
// float view.
#pragma once

#include <cstdint>
#include <vector>

#include "data/subset.h"

namespace lq::testing {

class Random {
 public:
  explicit Random(uint64_t seed) : generator_(seed) {}
  uint64_t next() { return generator_.next(); }
  // Uniform in [lo, hi).
  float uniform(float lo, float hi) {
    return lo + (hi - lo) * static_cast<float>(next() >> 40) / static_cast<float>(1ull << 24);
  }
  std::vector<float> uniform_vector(size_t n, float lo, float hi) {
    std::vector<float> v(n);
    for (float& x : v) x = uniform(lo, hi);
    return v;
  }

 private:
  data::SplitMix64 generator_;
};

}  // namespace lq::testing
