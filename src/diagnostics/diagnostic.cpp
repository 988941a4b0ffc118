#include <algorithm>
#include <tuple>

#include "pwpc/diagnostics.hpp"

namespace pwpc {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

std::string clip_text(std::string_view s, std::size_t max) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return std::string(s.substr(0, cut)) + "... (" + std::to_string(s.size()) + " bytes)";
}

bool has_errors(const Diagnostics& ds) {
  return std::any_of(ds.begin(), ds.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

void sort_diagnostics(Diagnostics& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.file, a.line, a.col, a.rule, a.message) < std::tie(b.file, b.line, b.col, b.rule, b.message);
  });
}

namespace {
std::string first_message(const Diagnostics& ds) {
  if (ds.empty()) return "invalid input";
  const auto& d = ds.front();
  return d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.col) + ": " + d.message;
}
}  // namespace

InputError::InputError(Diagnostics ds) : std::runtime_error(first_message(ds)), diagnostics_(std::move(ds)) {}

InputError::InputError(std::string file, int line, int col, std::string rule, std::string message, std::string hint)
    : InputError(Diagnostics{Diagnostic{
          std::move(file), line, col, Severity::Error, std::move(rule), std::move(message), std::move(hint), {}}}) {}

OutputFormat parse_output_format(const std::string& name) {
  if (name == "text") return OutputFormat::Text;
  if (name == "json") return OutputFormat::Json;
  if (name == "sarif") return OutputFormat::Sarif;
  if (name == "github") return OutputFormat::Github;
  throw std::invalid_argument("unknown format '" + name + "' (text, json, sarif, github)");
}

}  // namespace pwpc
