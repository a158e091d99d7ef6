// The seeded sample subset, drawn the same way on every machine.
//
// Generator: SplitMix64 (Steele, Lea and Flood, 2014). The state starts at the seed; each draw adds
// 0x9E3779B97F4A7C15 to the state (mod 2^64), then z = state; z = (z ^ (z >> 30)) *
// 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) * 0x94D049BB133111EB; returns z ^ (z >> 31).
// below(m), uniform in [0, m): draws x until x >= (2^64 - m) mod m (rejecting the few values that
// would bias the result), then returns x mod m.
//
// Subset: choose_subset(n, k, seed) with 0 < k < n is selection sampling (Knuth, TAOCP vol. 2,
// 3.4.2, Algorithm S): for t = 0, 1, ..., n-1, while fewer than k are chosen, draw r = below(n - t)
// and choose t when r < k - (number chosen so far). Every k-subset is equally likely, and the
// indices come out in increasing order, so sources that can only read forward (gzip) read each
// byte once. k <= 0 or k >= n chooses every index, in order, without drawing.
#pragma once

#include <cstdint>
#include <vector>

namespace lq::data {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t m) {
    const uint64_t reject_under = (0 - m) % m;  // (2^64 - m) mod m
    uint64_t x = next();
    while (x < reject_under) x = next();
    return x % m;
  }

 private:
  uint64_t state_;
};

std::vector<int64_t> choose_subset(int64_t n, int64_t k, uint64_t seed);

}  // namespace lq::data
