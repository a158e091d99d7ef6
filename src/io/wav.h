// RIFF/WAVE audio: 16-bit PCM (format tag 1, or WAVE_FORMAT_EXTENSIBLE with the PCM sub-format),
// any channel count, read to mono float samples on the int16 scale (-32768..32767), and reduced to
// a lower sample rate by an integer factor.
//
// The file is untrusted input: every chunk header, size and offset is checked against the file's
// length and the RIFF size before it is read; a problem is an lq::Error naming the file and what
// was expected. Chunks other than "fmt " and "data" (LIST, fact, ...) are skipped.
//
// Resampling: only integer down-sampling ratios (48 kHz -> 16 kHz is 3, 32 kHz -> 16 kHz is 2).
// Each output sample is a windowed-sinc low-pass (Blackman window, 64 taps per unit of the factor
// plus one, cut-off at 0.45 of the output rate, DC gain 1) evaluated at every factor-th input
// sample, with zeros outside the signal. A decimating FIR needs no interpolation and, for the
// rates that occur (48k, 32k to 16k), is exact in timing; the Blackman window keeps aliased
// components about 74 dB down, below the 16-bit quantization noise of most recordings.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lq::io {

struct Audio {
  int sample_rate = 0;
  int channels = 0;            // of the file; samples are already averaged to mono
  std::vector<float> samples;  // mono, int16 scale
};

// `origin` names the source in errors.
Audio parse_wav(const uint8_t* bytes, size_t size, const std::string& origin);
Audio read_wav(const std::string& path);

// `audio` at `rate` Hz; fails unless audio.sample_rate is a positive multiple of `rate`.
Audio resample(const Audio& audio, int rate);

}  // namespace lq::io
