// The metrics of `litequant eval` (analysis/metrics.h) on hand-computed values, and their streaming
// accumulation: adding samples one at a time gives the figures of the whole set.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "analysis/metrics.h"
#include "core/error.h"

namespace lq::analysis {
namespace {

using Values = std::vector<float>;

TEST(EvalMetrics, ArgmaxTakesTheFirstLargest) {
  EXPECT_EQ(argmax(Values{1, 3, 3, 2}), 1);
  EXPECT_EQ(argmax(Values{-5}), 0);
  EXPECT_THROW(argmax(Values{}), Error);
}

TEST(EvalMetrics, LabelRankBreaksTiesByIndex) {
  const Values scores = {0.5f, 2, 1, 2, -1};
  EXPECT_EQ(label_rank(scores, 1), 0);  // first of the two largest
  EXPECT_EQ(label_rank(scores, 3), 1);  // equal to index 1, which comes first
  EXPECT_EQ(label_rank(scores, 2), 2);
  EXPECT_EQ(label_rank(scores, 4), 4);
  EXPECT_THROW(label_rank(scores, 5), Error);
  EXPECT_THROW(label_rank(scores, -1), Error);
}

TEST(EvalMetrics, RowLengthIsTheLastAxisUnlessItIsOne) {
  EXPECT_EQ(row_length({1, 10}), 10);
  EXPECT_EQ(row_length({2, 3, 4}), 4);
  EXPECT_EQ(row_length({1, 896, 1}), 896);
  EXPECT_EQ(row_length({}), 1);
}

TEST(EvalMetrics, TopKAccuracyCountsRanks) {
  TopKAccuracy acc;
  acc.add(Values{5, 1, 0, 0, 0, 0}, 0);  // rank 0
  acc.add(Values{0, 3, 2, 1, 0, 0}, 2);  // rank 1
  acc.add(Values{0, 0, 0, 0, 0, 1}, 5);  // rank 0
  acc.add(Values{1, 2, 3, 4, 5, 6}, 0);  // rank 5
  EXPECT_EQ(acc.samples(), 4);
  EXPECT_EQ(acc.top1_correct(), 2);
  EXPECT_EQ(acc.top5_correct(), 3);
  EXPECT_DOUBLE_EQ(acc.top1(), 0.5);
  EXPECT_DOUBLE_EQ(acc.top5(), 0.75);
  EXPECT_DOUBLE_EQ(TopKAccuracy().top1(), 0.0);
}

TEST(EvalMetrics, ErrorStatsOnHandComputedValues) {
  // ref = (3, 4), x = (3, 2): sum ref^2 = 25, error (0, 2) -> 4; SQNR = 10 log10(25 / 4);
  // cosine = (9 + 8) / sqrt(25 * 13).
  ErrorStats s;
  s.add(Values{3, 4}, Values{3, 2});
  EXPECT_EQ(s.elements(), 2);
  EXPECT_NEAR(s.sqnr_db(), 7.958800173440752, 1e-12);
  EXPECT_NEAR(s.cosine(), 17.0 / std::sqrt(325.0), 1e-12);
  EXPECT_DOUBLE_EQ(s.max_abs_error(), 2.0);
}

TEST(EvalMetrics, ErrorStatsEdgeCases) {
  ErrorStats equal;
  equal.add(Values{1, -2}, Values{1, -2});
  EXPECT_EQ(equal.sqnr_db(), std::numeric_limits<double>::infinity());
  EXPECT_NEAR(equal.cosine(), 1.0, 1e-15);
  EXPECT_EQ(equal.max_abs_error(), 0.0);

  ErrorStats zero_ref;
  zero_ref.add(Values{0, 0}, Values{0, 1});
  EXPECT_EQ(zero_ref.sqnr_db(), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(zero_ref.cosine(), 0.0);

  ErrorStats zeros;
  zeros.add(Values{0}, Values{0});
  EXPECT_EQ(zeros.cosine(), 1.0);
  EXPECT_THROW(zeros.add(Values{0, 1}, Values{0}), Error);
}

TEST(EvalMetrics, StreamingEqualsOneBatch) {
  // The figures of the eval CLI test's data set (tests/cli/eval_cli_test.cc), sample by sample:
  // x = ref + 4 at index 5. sum ref^2 = 132, sum err^2 = 64, sum ref x = 160, sum x^2 = 252.
  const std::vector<Values> ref = {
      {5, 1, 0, 0, 0, 0}, {0, 3, 2, 1, 0, 0}, {0, 0, 0, 0, 0, 1}, {1, 2, 3, 4, 5, 6}};
  ErrorStats streamed, batch;
  Agreement agreement;
  Values all_ref, all_x;
  for (const Values& r : ref) {
    Values x = r;
    x[5] += 4;
    streamed.add(r, x);
    agreement.add(r, x, 6);
    all_ref.insert(all_ref.end(), r.begin(), r.end());
    all_x.insert(all_x.end(), x.begin(), x.end());
  }
  batch.add(all_ref, all_x);
  EXPECT_NEAR(streamed.sqnr_db(), 10 * std::log10(132.0 / 64.0), 1e-12);
  EXPECT_NEAR(streamed.cosine(), 160.0 / std::sqrt(132.0 * 252.0), 1e-12);
  EXPECT_EQ(streamed.max_abs_error(), 4.0);
  EXPECT_EQ(streamed.sqnr_db(), batch.sqnr_db());
  EXPECT_EQ(streamed.cosine(), batch.cosine());
  EXPECT_EQ(agreement.rows(), 4);
  EXPECT_EQ(agreement.agreeing(), 3);  // sample 1: arg-max 1 becomes 5
  EXPECT_DOUBLE_EQ(agreement.rate(), 0.75);
}

TEST(EvalMetrics, AgreementRowByRow) {
  // Two rows of three: the first agrees, the second does not.
  Agreement a;
  a.add(Values{1, 2, 0, 5, 1, 0}, Values{0, 3, 1, 0, 1, 2}, 3);
  EXPECT_EQ(a.rows(), 2);
  EXPECT_EQ(a.agreeing(), 1);
  EXPECT_THROW(a.add(Values{1, 2}, Values{1, 2}, 3), Error);
  EXPECT_DOUBLE_EQ(Agreement().rate(), 0.0);
}

}  // namespace
}  // namespace lq::analysis
