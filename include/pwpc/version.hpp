// Dotted version numbers ("3.8.0") and the pwpc version itself.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace pwpc {

struct Version {
  int major = 0, minor = 0, patch = 0;
  auto operator<=>(const Version&) const =
      default;  // NOLINT(modernize-use-nullptr): clang-tidy 14 misreads defaulted <=>
  std::string str() const;
  static std::optional<Version> parse(std::string_view s);  // "3.8", "3.8.0", "3.12.0b1" (suffix ignored)
};

std::string_view pwpc_version();  // from CMake project(VERSION)

}  // namespace pwpc
