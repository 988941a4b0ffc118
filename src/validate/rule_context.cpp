#include "validate/rule_context.hpp"

#include <stdexcept>

namespace pwpc::rules {
namespace {

// Messages quote values from the input; a hostile file can hold a 10 MB key or value.
// Every diagnostic is capped here, once for all rules. A new string, not the input cut in
// place: resize() would keep the whole buffer, so every diagnostic would still hold its
// uncut megabytes.
std::string capped(std::string s) {
  if (s.size() > 400) return clip_text(s, 400);
  return s;
}

}  // namespace

std::vector<const YamlFile*> Context::yaml_of(FileKind k) const {
  std::vector<const YamlFile*> out;
  for (const auto& f : yaml_) {
    if (f.kind == k) out.push_back(&f);
  }
  return out;
}

std::vector<const IniFile*> Context::ini_of(FileKind k) const {
  std::vector<const IniFile*> out;
  for (const auto& f : ini_) {
    if (f.kind == k) out.push_back(&f);
  }
  return out;
}

void Context::report(std::string_view rule, const std::string& file, doc::Mark at, std::string message,
                     std::string hint, std::string path) {
  const RuleInfo* info = find_rule(rule);
  if (!info) throw std::logic_error("unregistered rule " + std::string(rule));
  Severity sev = info->severity;
  if (info->family == "architecture" && !opts_.bundle && sev == Severity::Error) sev = Severity::Warning;
  report(rule, sev, file, at, std::move(message), std::move(hint), std::move(path));
}

void Context::report(std::string_view rule, Severity sev, const std::string& file, doc::Mark at, std::string message,
                     std::string hint, std::string path) {
  push(Diagnostic{file, at.line, at.col, sev, std::string(rule), capped(std::move(message)), capped(std::move(hint)),
                  capped(std::move(path))});
}

void Context::add(const Diagnostics& ds) {
  for (const auto& d : ds) push(d);
}

void Context::push(Diagnostic d) {
  Cap& cap = caps_[{d.file, d.rule}];
  if (cap.kept < kMaxPerRuleAndFile) {
    ++cap.kept;
    out_.push_back(std::move(d));
    return;
  }
  ++cap.dropped;
  if (d.severity < cap.worst) cap.worst = d.severity;  // Error < Warning < Info
}

bool Context::saturated(std::string_view rule, const std::string& file) const {
  auto it = caps_.find({file, std::string(rule)});
  return it != caps_.end() && it->second.kept >= kMaxPerRuleAndFile;
}

void Context::finish() {
  for (const auto& [key, cap] : caps_) {
    if (cap.dropped == 0) continue;
    out_.push_back(Diagnostic{key.first,
                              0,
                              0,
                              cap.worst,
                              key.second,
                              std::to_string(cap.dropped) + " more " + key.second + " findings in this file are not " +
                                  "shown (the first " + std::to_string(kMaxPerRuleAndFile) + " are)",
                              "fix the ones shown and validate again",
                              {}});
  }
}

Version Context::pc_version() const {
  return opts_.parallelcluster_version ? *opts_.parallelcluster_version : newest_parallelcluster_version();
}

}  // namespace pwpc::rules
