#include "data/subset.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

namespace lq::data {
namespace {

// The documented algorithm, written out again from data/subset.h's comment.
std::vector<int64_t> reference_subset(int64_t n, int64_t k, uint64_t seed) {
  uint64_t state = seed;
  auto next = [&] {
    state += 0x9E3779B97F4A7C15ull;
    uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  auto below = [&](uint64_t m) {
    uint64_t x;
    do x = next();
    while (x < (0 - m) % m);
    return x % m;
  };
  std::vector<int64_t> out;
  for (int64_t t = 0; t < n && static_cast<int64_t>(out.size()) < k; ++t)
    if (below(static_cast<uint64_t>(n - t)) < static_cast<uint64_t>(k) - out.size())
      out.push_back(t);
  return out;
}

TEST(Subset, SplitMix64MatchesItsPublishedSequence) {
  // First outputs for seed 0 (the reference implementation by Vigna, splitmix64.c).
  SplitMix64 g(0);
  EXPECT_EQ(g.next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(g.next(), 0x6E789E6AA1B965F4ull);
}

TEST(Subset, SameSeedSameIndicesAndTheDocumentedAlgorithm) {
  const std::vector<int64_t> a = choose_subset(60000, 1000, 7);
  EXPECT_EQ(a, choose_subset(60000, 1000, 7));
  EXPECT_NE(a, choose_subset(60000, 1000, 8));
  EXPECT_EQ(a, reference_subset(60000, 1000, 7));
  ASSERT_EQ(a.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(a.begin(), a.end()));
  EXPECT_EQ(std::adjacent_find(a.begin(), a.end()), a.end());
  EXPECT_GE(a.front(), 0);
  EXPECT_LT(a.back(), 60000);
  // Spread over the whole range, not bunched at the start.
  EXPECT_GT(a.back(), 55000);
  EXPECT_LT(a.front(), 5000);
}

TEST(Subset, AllInOrderWhenNotSmallerThanTheData) {
  std::vector<int64_t> all(10);
  std::iota(all.begin(), all.end(), 0);
  EXPECT_EQ(choose_subset(10, 0, 1), all);
  EXPECT_EQ(choose_subset(10, 10, 1), all);
  EXPECT_EQ(choose_subset(10, 50, 1), all);
  EXPECT_TRUE(choose_subset(0, 5, 1).empty());
}

TEST(Subset, EveryIndexEquallyLikely) {
  std::vector<int> hits(20);
  for (uint64_t seed = 0; seed < 4000; ++seed)
    for (int64_t i : choose_subset(20, 5, seed)) ++hits[static_cast<size_t>(i)];
  for (int h : hits) EXPECT_NEAR(h, 1000, 120);  // 4000 * 5 / 20 each
}

}  // namespace
}  // namespace lq::data
