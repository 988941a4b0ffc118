// Reading CloudFormation templates for the security rules: resources, parameters and the
// intrinsic functions in both spellings (YAML short form `!Ref X`, JSON/long form
// `{"Ref": "X"}` / `Fn::Sub: ...`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pwpc/document.hpp"

namespace pwpc::rules::cfn {

struct Resource {
  std::string logical_id;
  const doc::Entry* entry = nullptr;      // the logical-id key and its mapping
  std::string type;                       // "AWS::RDS::DBInstance"
  const doc::Node* properties = nullptr;  // may be null
  const doc::Entry* properties_entry = nullptr;

  // Where to report a missing property: the Properties key, else the logical id.
  doc::Mark anchor() const { return properties_entry ? properties_entry->key_mark : entry->key_mark; }
};

// Every resource of the template, in document order.
std::vector<Resource> resources(const doc::Node& root);

// The parameter definition named name, or null.
const doc::Node* parameter(const doc::Node& root, const std::string& name);

// True for any intrinsic function (short-form tag or one-key Ref/Fn:: mapping).
bool is_intrinsic(const doc::Node& n);
// The target of `!Ref X` / `{Ref: X}`, or nullopt.
std::optional<std::string> ref_target(const doc::Node& n);
// For `!Sub`/`Fn::Sub` the template string, for `!Join`/`Fn::Join` the literal parts joined;
// nullopt for anything else.
std::optional<std::string> template_text(const doc::Node& n);

// A scalar's value with Refs to parameters replaced by their Default. `via` names the
// parameter when one was followed. nullopt when the value cannot be known offline.
std::optional<std::string> resolve_scalar(const doc::Node& root, const doc::Node& n, std::string* via = nullptr);
// The same, read as a CloudFormation boolean ("true"/"false" in any case).
std::optional<bool> resolve_bool(const doc::Node& root, const doc::Node& n, std::string* via = nullptr);

}  // namespace pwpc::rules::cfn
