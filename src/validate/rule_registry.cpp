#include <algorithm>

#include "validate/rule_context.hpp"

namespace pwpc {
namespace rules {

const std::vector<const Family*>& families() {
  static const std::vector<const Family*> f{
      &parallelcluster_schema_family(),
      &profile_family(),
      &cloudformation_family(),
      &cloudformation_properties_family(),
      &parallelcluster_validators_family(),
      &architecture_family(),
      &workbench_family(),
      &systemd_family(),
      &security_family(),
  };
  return f;
}

}  // namespace rules

namespace {
// Rules for problems with the input itself; reported by the readers, not by a family.
std::vector<RuleInfo> input_rules() {
  const std::string yaml_spec = "https://yaml.org/spec/1.1/";
  return {
      {"IO", "input", Severity::Error, "A file cannot be read", "pwpc can only check what it can read.", ""},
      {"YAML-SYNTAX", "input", Severity::Error, "The file is not well-formed YAML",
       "ParallelCluster and pwpc parse YAML 1.1; a syntax error stops everything else.", yaml_spec},
      {"YAML-DUPLICATE-KEY", "input", Severity::Error, "A mapping holds the same key twice",
       "YAML mappings hold each key once; ParallelCluster refuses duplicates, other tools keep the last silently.",
       yaml_spec},
      {"YAML-ENCODING", "input", Severity::Error, "The file is not valid UTF-8 text",
       "Configurations are UTF-8 text; anything else is a wrong file or a broken editor.", yaml_spec},
      {"YAML-MULTIPLE-DOCUMENTS", "input", Severity::Error, "The file holds more than one YAML document",
       "Each configuration is one document; a second one would be ignored by some tools.", yaml_spec},
      {"YAML-ALIAS", "input", Severity::Error, "A YAML alias refers to a collection that contains it",
       "Recursive structures have no configuration meaning and hang naive readers.", yaml_spec},
      {"YAML-LIMIT", "input", Severity::Error, "The file exceeds pwpc's size, depth or alias-expansion limits",
       "Bounded reading keeps pwpc fast and safe on hostile input (billion laughs).", yaml_spec},
      {"INI-SYNTAX", "input", Severity::Error,
       "A line of a Workbench or systemd file is not key=value, [section] or a comment",
       "Workbench refuses to start with a malformed config file.",
       "https://docs.posit.co/ide/server-pro/admin/server_management/core_administrative_tasks.html"},
      {"PROFILE-SCHEMA", "profile", Severity::Error, "The profile does not match schemas/profile.schema.json",
       "pwpc plans from the profile; unknown or mistyped keys would be silently ignored otherwise.", "docs/profile.md"},
      {"PROFILE-RULE", "profile", Severity::Error,
       "A cross-field rule of the profile is broken (shares, counts, versions)",
       "Values that are individually valid can still contradict each other.", "docs/profile.md"},
      {"RENDER-MISSING-ID", "render", Severity::Error,
       "An ID the bundle needs is neither in the profile nor in --stack-outputs",
       "pwpc never invents subnet, AMI or file-system IDs; a made-up ID would fail minutes into a deployment.",
       "docs/render.md"},
      {"RENDER-VALUE", "render", Severity::Error, "A profile value cannot be written safely into the target format",
       "A value with a newline or surrounding spaces would change the meaning of an INI file; pwpc refuses it.",
       "docs/render.md"},
      {"RENDER-TEMPLATE", "render", Severity::Error, "A template (embedded or from --templates) cannot be rendered",
       "A broken override must stop the render before anything is written.", "docs/render.md"},
      {"STACK-OUTPUTS", "input", Severity::Error,
       "The --stack-outputs file is not `aws cloudformation describe-stacks` JSON",
       "Outputs feed real IDs into the bundle; a malformed file must not be half-read.", "docs/render.md"},
      {"PROFILE-STORAGE", "profile", Severity::Error, "The profile's /home storage settings cannot be sized",
       "An FSx for Lustre deployment type pwpc does not know cannot be given a valid capacity.", "docs/profile.md"},
      {"PROFILE-WORKLOAD-FIT", "profile", Severity::Error,
       "No catalogued instance type can run one session of a workload",
       "A queue whose nodes cannot hold a session would leave users waiting forever.", "docs/profile.md"},
  };
}
}  // namespace

const std::vector<RuleInfo>& all_rules() {
  static const std::vector<RuleInfo> all = [] {
    std::vector<RuleInfo> v = input_rules();
    for (const auto* f : rules::families()) v.insert(v.end(), f->rules.begin(), f->rules.end());
    std::sort(v.begin(), v.end(), [](const RuleInfo& a, const RuleInfo& b) { return a.id < b.id; });
    return v;
  }();
  return all;
}

const RuleInfo* find_rule(std::string_view id) {
  const auto& all = all_rules();
  auto it =
      std::lower_bound(all.begin(), all.end(), id, [](const RuleInfo& r, std::string_view i) { return r.id < i; });
  return it != all.end() && it->id == id ? &*it : nullptr;
}

}  // namespace pwpc
