#include <charconv>

#include "pwpc/version.hpp"

namespace pwpc {

std::string Version::str() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Version> Version::parse(std::string_view s) {
  Version v;
  int* parts[3] = {&v.major, &v.minor, &v.patch};
  std::size_t i = 0;
  for (int k = 0; k < 3; ++k) {
    std::size_t j = i;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i || j - i > 6) return std::nullopt;
    std::from_chars(s.data() + i, s.data() + j, *parts[k]);
    i = j;
    if (k < 2) {
      if (i == s.size()) return k >= 1 ? std::optional<Version>(v) : std::nullopt;
      if (s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  // A pre-release suffix ("b1", "-dev") is ignored; anything else after digits is not a version.
  if (i < s.size() && !(s[i] == '-' || s[i] == 'a' || s[i] == 'b' || s[i] == 'r' || s[i] == '+')) return std::nullopt;
  return v;
}

#ifndef PWPC_VERSION
#define PWPC_VERSION "0.0.0"
#endif
std::string_view pwpc_version() { return PWPC_VERSION; }

}  // namespace pwpc
