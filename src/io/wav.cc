#include "io/wav.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "core/error.h"
#include "io/file.h"

namespace lq::io {
namespace {

uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }
uint32_t le32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}
bool has_id(const uint8_t* p, const char* id) {
  return p[0] == id[0] && p[1] == id[1] && p[2] == id[2] && p[3] == id[3];
}

struct Format {
  int channels = 0;
  int sample_rate = 0;
};

constexpr uint16_t kPcm = 1;
constexpr uint16_t kExtensible = 0xFFFE;

Format parse_fmt(const uint8_t* p, uint32_t size, const std::string& origin) {
  LQ_CHECK(size >= 16, origin, ": 'fmt ' chunk has ", size, " bytes, expected at least 16");
  uint16_t tag = le16(p);
  // WAVE_FORMAT_EXTENSIBLE names the real format in the first two bytes of its sub-format GUID.
  if (tag == kExtensible) {
    LQ_CHECK(size >= 40, origin, ": extensible 'fmt ' chunk has ", size, " bytes, expected 40");
    tag = le16(p + 24);
  }
  LQ_CHECK(tag == kPcm, origin, ": audio format ", tag, ", expected 1 (PCM)");
  const uint16_t channels = le16(p + 2);
  const uint32_t rate = le32(p + 4);
  const uint32_t byte_rate = le32(p + 8);
  const uint16_t block_align = le16(p + 12);
  const uint16_t bits = le16(p + 14);
  LQ_CHECK(bits == 16, origin, ": ", bits, "-bit samples, expected 16-bit PCM");
  LQ_CHECK(channels >= 1, origin, ": 0 channels, expected at least 1");
  LQ_CHECK(rate >= 1 && rate <= 1'000'000, origin, ": sample rate ", rate,
           " Hz, expected 1..1000000");
  LQ_CHECK(block_align == 2u * channels, origin, ": block align ", block_align, ", expected ",
           2 * channels, " (2 bytes x ", channels, " channels)");
  LQ_CHECK(byte_rate == rate * block_align, origin, ": byte rate ", byte_rate, ", expected ",
           rate * block_align);
  return {channels, static_cast<int>(rate)};
}

// Averages each frame of `channels` little-endian int16 samples.
std::vector<float> to_mono(const uint8_t* p, size_t frames, int channels) {
  std::vector<float> out(frames);
  for (size_t f = 0; f < frames; ++f) {
    int32_t sum = 0;
    for (int c = 0; c < channels; ++c, p += 2) sum += static_cast<int16_t>(le16(p));
    out[f] = static_cast<float>(sum) / static_cast<float>(channels);
  }
  return out;
}

// Blackman-windowed sinc low-pass with cut-off `fc` (cycles per input sample), normalized to DC
// gain 1.
std::vector<double> lowpass_taps(int count, double fc) {
  std::vector<double> taps(static_cast<size_t>(count));
  const double mid = (count - 1) / 2.0, pi = std::numbers::pi;
  double sum = 0;
  for (int n = 0; n < count; ++n) {
    const double t = n - mid;
    const double sinc = t == 0 ? 2 * fc : std::sin(2 * pi * fc * t) / (pi * t);
    const double w =
        0.42 - 0.5 * std::cos(2 * pi * n / (count - 1)) + 0.08 * std::cos(4 * pi * n / (count - 1));
    taps[static_cast<size_t>(n)] = sinc * w;
    sum += sinc * w;
  }
  for (double& t : taps) t /= sum;
  return taps;
}

}  // namespace

Audio parse_wav(const uint8_t* bytes, size_t size, const std::string& origin) {
  LQ_CHECK(size >= 12 && has_id(bytes, "RIFF") && has_id(bytes + 8, "WAVE"), origin,
           ": not a WAVE file (expected 'RIFF' and 'WAVE' in the first 12 bytes)");
  const uint64_t riff_end = uint64_t{le32(bytes + 4)} + 8;
  LQ_CHECK(riff_end <= size, origin, ": truncated: the RIFF header says ", riff_end,
           " bytes, the file has ", size);
  Format format;
  bool have_format = false;
  for (uint64_t at = 12; at < riff_end;) {
    LQ_CHECK(at + 8 <= riff_end, origin, ": chunk header at byte ", at, " runs past the RIFF end (",
             riff_end, ")");
    const uint8_t* id = bytes + at;
    const uint32_t chunk = le32(bytes + at + 4);
    const uint64_t data_at = at + 8;
    LQ_CHECK(data_at + chunk <= riff_end, origin, ": chunk '", std::string(id, id + 4),
             "' at byte ", at, " has ", chunk, " bytes, past the RIFF end (", riff_end, ")");
    if (has_id(id, "fmt ")) {
      format = parse_fmt(bytes + data_at, chunk, origin);
      have_format = true;
    } else if (has_id(id, "data")) {
      LQ_CHECK(have_format, origin, ": 'data' chunk before the 'fmt ' chunk");
      const size_t frame = 2 * static_cast<size_t>(format.channels);
      LQ_CHECK(chunk % frame == 0, origin, ": 'data' chunk has ", chunk,
               " bytes, expected a multiple of ", frame, " (16-bit x ", format.channels,
               " channels)");
      return {format.sample_rate, format.channels,
              to_mono(bytes + data_at, chunk / frame, format.channels)};
    }
    at = data_at + chunk + (chunk & 1);  // chunks are padded to even sizes
  }
  fail(origin, ": no 'data' chunk", have_format ? "" : " and no 'fmt ' chunk");
}

Audio read_wav(const std::string& path) {
  const std::vector<uint8_t> bytes = read_file(path);
  return parse_wav(bytes.data(), bytes.size(), path);
}

Audio resample(const Audio& audio, int rate) {
  LQ_CHECK(rate > 0 && audio.sample_rate > 0 && audio.sample_rate % rate == 0, "resampling from ",
           audio.sample_rate, " Hz to ", rate,
           " Hz: only integer down-sampling ratios are supported");
  const int factor = audio.sample_rate / rate;
  if (factor == 1) return audio;
  const std::vector<double> taps = lowpass_taps(64 * factor + 1, 0.45 / factor);
  const int64_t half = 32 * factor, n = static_cast<int64_t>(audio.samples.size());
  Audio out{rate, audio.channels, {}};
  out.samples.reserve(static_cast<size_t>(n / factor + 1));
  for (int64_t centre = 0; centre < n; centre += factor) {
    double acc = 0;
    for (int64_t k = std::max<int64_t>(0, centre - half); k <= std::min(n - 1, centre + half); ++k)
      acc += taps[static_cast<size_t>(k - centre + half)] * audio.samples[static_cast<size_t>(k)];
    out.samples.push_back(static_cast<float>(acc));
  }
  return out;
}

}  // namespace lq::io
