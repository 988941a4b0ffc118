#include "validate/rule_context.hpp"

#include <stdexcept>

namespace pwpc::rules {

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

void Context::report(std::string_view rule, Severity sev, const std::string& file, doc::Mark at,
                     std::string message, std::string hint, std::string path) {
  out_.push_back(Diagnostic{file, at.line, at.col, sev, std::string(rule), std::move(message), std::move(hint),
                            std::move(path)});
}

void Context::add(const Diagnostics& ds) { out_.insert(out_.end(), ds.begin(), ds.end()); }

Version Context::pc_version() const {
  return opts_.parallelcluster_version ? *opts_.parallelcluster_version : newest_parallelcluster_version();
}

}  // namespace pwpc::rules
