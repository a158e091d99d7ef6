#include "data/subset.h"

#include <cstddef>
#include <numeric>

namespace lq::data {

std::vector<int64_t> choose_subset(int64_t n, int64_t k, uint64_t seed) {
  std::vector<int64_t> chosen;
  if (k <= 0 || k >= n) {
    chosen.resize(static_cast<size_t>(n > 0 ? n : 0));
    std::iota(chosen.begin(), chosen.end(), int64_t{0});
    return chosen;
  }
  chosen.reserve(static_cast<size_t>(k));
  SplitMix64 g(seed);
  for (int64_t t = 0; t < n && static_cast<int64_t>(chosen.size()) < k; ++t) {
    const uint64_t left = static_cast<uint64_t>(k) - chosen.size();
    if (g.below(static_cast<uint64_t>(n - t)) < left) chosen.push_back(t);
  }
  return chosen;
}

}  // namespace lq::data
