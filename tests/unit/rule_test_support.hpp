// Helpers for the unit tests of the architecture, workbench, systemd and security rules:
// run validate_files on in-memory files and look at the findings of one rule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pwpc/document.hpp"
#include "pwpc/validate.hpp"
#include "test_support.hpp"

namespace pwpc::test {

inline SourceFile source(std::string path, std::string text, std::optional<mode_t> mode = std::nullopt) {
  SourceFile f;
  f.path = std::move(path);
  f.text = std::move(text);
  f.mode = mode;
  return f;
}

// A file of the rule fixtures (tests/fixtures/...), read from the source tree.
inline std::string fixture(const std::string& rel) { return doc::read_file(source_path("tests/fixtures/" + rel)); }

// text with the first occurrence of `from` replaced by `to`; throws when `from` is absent,
// so that a test cannot silently test the unchanged text.
inline std::string edit(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  if (pos == std::string::npos) throw std::logic_error("edit: text does not contain: " + from);
  return text.replace(pos, from.size(), to);
}

struct Findings {
  Diagnostics all;

  std::vector<Diagnostic> of(const std::string& rule) const {
    std::vector<Diagnostic> out;
    for (const auto& d : all) {
      if (d.rule == rule) out.push_back(d);
    }
    return out;
  }
  std::size_t count(const std::string& rule) const { return of(rule).size(); }
  // The only finding of `rule`; throws when there is none or more than one.
  Diagnostic one(const std::string& rule) const {
    auto v = of(rule);
    if (v.size() != 1) throw std::logic_error(rule + ": expected one finding, got " + std::to_string(v.size()));
    return v.front();
  }
  // Findings whose rule starts with prefix ("ARCH-", "WB-", ...).
  std::size_t count_prefix(const std::string& prefix) const {
    std::size_t n = 0;
    for (const auto& d : all) n += d.rule.starts_with(prefix) ? 1 : 0;
    return n;
  }
};

inline Findings check(const std::vector<SourceFile>& files, const ValidateOptions& o = {}) {
  return Findings{validate_files(files, o)};
}

inline ValidateOptions bundle_options() {
  ValidateOptions o;
  o.bundle = true;
  return o;
}

}  // namespace pwpc::test
