// What a rule family sees: the parsed files of one validation run and a way to report.
// A family is a set of RuleInfo plus one check function (see rule_registry.cpp).
#pragma once

#include <functional>
#include <map>
#include <vector>

#include "pwpc/document.hpp"
#include "pwpc/ini.hpp"
#include "pwpc/validate.hpp"

namespace pwpc::rules {

struct YamlFile {
  const SourceFile* source;
  FileKind kind;
  doc::Document doc;
};

struct IniFile {
  const SourceFile* source;
  FileKind kind;
  ini::File ini;
};

class Context {
 public:
  Context(const ValidateOptions& opts, Diagnostics& out) : opts_(opts), out_(out) {}

  const ValidateOptions& options() const { return opts_; }
  std::vector<YamlFile>& yaml() { return yaml_; }
  std::vector<IniFile>& ini() { return ini_; }

  // Files of one kind (empty when absent).
  std::vector<const YamlFile*> yaml_of(FileKind k) const;
  std::vector<const IniFile*> ini_of(FileKind k) const;

  // Reports a finding of a registered rule with the rule's default severity
  // (architecture rules: error in a bundle, warning on a single file).
  void report(std::string_view rule, const std::string& file, doc::Mark at, std::string message, std::string hint = {},
              std::string path = {});
  void report(std::string_view rule, Severity sev, const std::string& file, doc::Mark at, std::string message,
              std::string hint = {}, std::string path = {});
  // Appends diagnostics produced elsewhere (schema checker, parse errors).
  void add(const Diagnostics& ds);
  // Every rule reports at most kMaxPerRuleAndFile findings per file (a file with a million
  // wrong values would otherwise make a million diagnostics, gigabytes of SARIF). finish()
  // adds one diagnostic per capped rule and file saying how many more there are.
  static constexpr std::size_t kMaxPerRuleAndFile = 100;
  void finish();
  // Whether the rule's findings in the file are capped already: a rule may then skip the
  // costly parts of a message ("did you mean") that nobody will see.
  bool saturated(std::string_view rule, const std::string& file) const;

  // The ParallelCluster version the config targets: --parallelcluster-version, else
  // newest_parallelcluster_version().
  Version pc_version() const;

 private:
  void push(Diagnostic d);

  struct Cap {
    std::size_t kept = 0, dropped = 0;
    Severity worst = Severity::Info;  // of the dropped ones
  };
  const ValidateOptions& opts_;
  Diagnostics& out_;
  std::map<std::pair<std::string, std::string>, Cap> caps_;  // (file, rule)
  std::vector<YamlFile> yaml_;
  std::vector<IniFile> ini_;
};

struct Family {
  std::vector<RuleInfo> rules;
  std::function<void(Context&)> check;
};

// The families, in the order they run. Each lives in rules/<family>.cpp.
const Family& parallelcluster_schema_family();
const Family& profile_family();                     // rules/profile_file.cpp
const Family& cloudformation_family();              // rules/cloudformation_structure.cpp
const Family& cloudformation_properties_family();   // rules/cloudformation_properties.cpp
const Family& parallelcluster_validators_family();  // rules/parallelcluster_*.cpp
const Family& architecture_family();                // rules/architecture_*.cpp
const Family& workbench_family();                   // rules/workbench_*.cpp
const Family& systemd_family();                     // rules/systemd_dropins.cpp
const Family& security_family();                    // rules/security_*.cpp
const std::vector<const Family*>& families();

}  // namespace pwpc::rules
