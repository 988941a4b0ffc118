// Helpers shared by the unit tests.
#pragma once

#include <string>

#include "pwpc/diagnostics.hpp"
#include "pwpc/document.hpp"

namespace pwpc::test {

inline std::string source_path(const std::string& rel) { return std::string(PWPC_SOURCE_DIR) + "/" + rel; }

// Runs f and returns the diagnostics of the InputError it throws (empty if none).
template <class F>
Diagnostics input_errors(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

inline bool mentions(const Diagnostics& ds, const std::string& text) {
  for (const auto& d : ds) {
    if (d.message.find(text) != std::string::npos || d.hint.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace pwpc::test
