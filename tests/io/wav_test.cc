#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/file.h"
#include "io/wav.h"

namespace lq {
namespace {

void put16(std::vector<uint8_t>& out, uint32_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}
void put32(std::vector<uint8_t>& out, uint32_t v) {
  put16(out, v & 0xFFFF);
  put16(out, v >> 16);
}
void put_id(std::vector<uint8_t>& out, const char* id) { out.insert(out.end(), id, id + 4); }

struct WavSpec {
  uint16_t format = 1, channels = 1, bits = 16;
  uint32_t rate = 16000;
  std::vector<int16_t> samples;  // interleaved
  bool list_chunk = false;       // an odd-sized LIST chunk before "data" (padded to even)
};

std::vector<uint8_t> make_wav(const WavSpec& s) {
  std::vector<uint8_t> body;
  put_id(body, "WAVE");
  put_id(body, "fmt ");
  put32(body, 16);
  put16(body, s.format);
  put16(body, s.channels);
  put32(body, s.rate);
  const uint32_t align = s.channels * s.bits / 8u;
  put32(body, s.rate * align);
  put16(body, align);
  put16(body, s.bits);
  if (s.list_chunk) {
    put_id(body, "LIST");
    put32(body, 3);
    body.insert(body.end(), {'a', 'b', 'c', 0});
  }
  put_id(body, "data");
  put32(body, static_cast<uint32_t>(s.samples.size() * 2));
  for (int16_t v : s.samples) put16(body, static_cast<uint16_t>(v));
  std::vector<uint8_t> out;
  put_id(out, "RIFF");
  put32(out, static_cast<uint32_t>(body.size()));
  out.insert(out.end(), body.begin(), body.end());
  return out;
}

std::string write_wav(const std::string& name, const std::vector<uint8_t>& bytes) {
  const std::string path = std::string(LQ_TEST_WORK_DIR) + "/" + name;
  io::write_file_atomic(path, bytes);
  return path;
}

// The message of the lq::Error that reading `path` throws ("" when it reads).
std::string read_error(const std::string& path) {
  try {
    io::read_wav(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(Wav, ReadsMonoPcmSamples) {
  WavSpec spec;
  spec.samples = {0, 1, -1, 32767, -32768};
  spec.list_chunk = true;
  const io::Audio a = io::read_wav(write_wav("mono.wav", make_wav(spec)));
  EXPECT_EQ(a.sample_rate, 16000);
  EXPECT_EQ(a.channels, 1);
  EXPECT_EQ(a.samples, (std::vector<float>{0, 1, -1, 32767, -32768}));
}

TEST(Wav, AveragesStereoToMono) {
  WavSpec spec;
  spec.channels = 2;
  spec.rate = 48000;
  spec.samples = {100, 300, -32768, -32768, 1, 2};
  const io::Audio a = io::read_wav(write_wav("stereo.wav", make_wav(spec)));
  EXPECT_EQ(a.channels, 2);
  EXPECT_EQ(a.sample_rate, 48000);
  EXPECT_EQ(a.samples, (std::vector<float>{200, -32768, 1.5f}));
}

TEST(Wav, TruncatedFileIsNamed) {
  WavSpec spec;
  spec.samples = std::vector<int16_t>(100, 7);
  std::vector<uint8_t> bytes = make_wav(spec);
  bytes.resize(bytes.size() - 10);
  const std::string message = read_error(write_wav("truncated.wav", bytes));
  EXPECT_NE(
      message.find("truncated.wav: truncated: the RIFF header says 244 bytes, the file has 234"),
      std::string::npos)
      << message;
}

TEST(Wav, DataChunkPastRiffEndIsNamed) {
  WavSpec spec;
  spec.samples = std::vector<int16_t>(10, 7);
  std::vector<uint8_t> bytes = make_wav(spec);
  bytes[40] = 0xFF;  // the data chunk's size: 20 becomes 255
  const std::string message = read_error(write_wav("long_data.wav", bytes));
  EXPECT_NE(message.find("chunk 'data' at byte 36 has 255 bytes, past the RIFF end (64)"),
            std::string::npos)
      << message;
}

TEST(Wav, WrongFormatsAreNamed) {
  WavSpec eight_bit;
  eight_bit.bits = 8;
  eight_bit.samples = {0};
  EXPECT_NE(read_error(write_wav("u8.wav", make_wav(eight_bit)))
                .find("8-bit samples, expected 16-bit PCM"),
            std::string::npos);
  WavSpec floats;
  floats.format = 3;
  floats.samples = {0};
  EXPECT_NE(
      read_error(write_wav("float.wav", make_wav(floats))).find("audio format 3, expected 1 (PCM)"),
      std::string::npos);
  WavSpec odd;
  odd.channels = 2;
  odd.samples = {1, 2, 3};  // 6 bytes: not whole frames of 4
  EXPECT_NE(read_error(write_wav("odd.wav", make_wav(odd))).find("expected a multiple of 4"),
            std::string::npos);
  EXPECT_NE(read_error(write_wav("text.wav", {'h', 'e', 'l', 'l', 'o'}))
                .find("text.wav: not a WAVE file"),
            std::string::npos);
  std::vector<uint8_t> no_data = make_wav(WavSpec{});
  no_data.resize(36);  // RIFF, WAVE, fmt: the RIFF size is patched to match
  no_data[4] = 28;
  EXPECT_NE(read_error(write_wav("no_data.wav", no_data)).find("no 'data' chunk"),
            std::string::npos);
}

// A sine of `hz` at `rate` with amplitude 10000.
io::Audio sine(double hz, int rate, int n) {
  io::Audio a{rate, 1, std::vector<float>(static_cast<size_t>(n))};
  for (int i = 0; i < n; ++i)
    a.samples[static_cast<size_t>(i)] =
        static_cast<float>(10000 * std::sin(2 * std::numbers::pi * hz * i / rate));
  return a;
}

// Root mean square over the middle half (away from the zero-padded ends).
double middle_rms(const std::vector<float>& x) {
  double sum = 0;
  const size_t from = x.size() / 4, to = 3 * x.size() / 4;
  for (size_t i = from; i < to; ++i) sum += double{x[i]} * x[i];
  return std::sqrt(sum / static_cast<double>(to - from));
}

TEST(Wav, DecimationKeepsThePassbandAndRemovesAliases) {
  const io::Audio pass = io::resample(sine(1000, 48000, 4800), 16000);
  EXPECT_EQ(pass.sample_rate, 16000);
  EXPECT_EQ(pass.samples.size(), 1600u);
  const io::Audio reference = sine(1000, 16000, 1600);
  for (size_t i = 400; i < 1200; ++i) EXPECT_NEAR(pass.samples[i], reference.samples[i], 5.0) << i;
  // 12 kHz is above the 8 kHz Nyquist limit of 16 kHz: without the low-pass it would alias to 4 kHz
  // at full amplitude (rms 7071).
  const io::Audio alias = io::resample(sine(12000, 48000, 4800), 16000);
  EXPECT_LT(middle_rms(alias.samples), 3.0);
}

TEST(Wav, ResampleRefusesNonIntegerRatios) {
  EXPECT_THROW(io::resample(sine(1000, 44100, 100), 16000), Error);
  const io::Audio same = io::resample(sine(1000, 16000, 100), 16000);
  EXPECT_EQ(same.samples, sine(1000, 16000, 100).samples);
}

// A sound from Debian's alsa-utils package (installed by scripts/setup.sh).
TEST(Wav, ReadsAlsaSound) {
  const io::Audio a = io::read_wav("/usr/share/sounds/alsa/Front_Center.wav");
  EXPECT_EQ(a.sample_rate, 48000);
  EXPECT_EQ(a.channels, 1);
  EXPECT_EQ(a.samples.size(), (137134u - 44u) / 2u);
}

}  // namespace
}  // namespace lq
