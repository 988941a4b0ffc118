// CFN-STRUCTURE: the shape every CloudFormation template must have before any resource
// can be checked: a mapping with a non-empty Resources mapping whose entries have a Type.
#include <string>

#include "validate/rule_context.hpp"

namespace pwpc::rules {
namespace {

constexpr const char* kDocs = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html";

void check_template(Context& ctx, const YamlFile& f) {
  const doc::Node& root = *f.doc.root;
  const std::string& file = f.source->path;
  if (!root.is_map()) {
    ctx.report("CFN-STRUCTURE", file, root.mark,
               root.is_null() ? "the template is empty" : "a template must be a mapping of sections",
               "a template has at least a Resources section");
    return;
  }
  const doc::Entry* res = root.entry("Resources");
  if (!res) {
    ctx.report("CFN-STRUCTURE", file, root.mark, "the template has no Resources section",
               "CloudFormation refuses a template without resources");
    return;
  }
  if (!res->value->is_map() || res->value->entries.empty()) {
    ctx.report("CFN-STRUCTURE", file, res->key_mark, "Resources must be a mapping of at least one resource",
               "give each resource a logical ID, a Type and its Properties", "Resources");
    return;
  }
  for (const auto& r : res->value->entries) {
    const doc::Node& body = *r.value;
    std::string path = "Resources/" + r.key;
    const doc::Node* type = body.is_map() ? body.get("Type") : nullptr;
    if (!type) {
      ctx.report("CFN-STRUCTURE", file, r.key_mark, "resource " + r.key + " has no Type",
                 "every resource names its type, e.g. Type: AWS::EC2::SecurityGroup", path);
      continue;
    }
    const std::string& t = type->scalar;
    bool ok = type->is_scalar() && (t.starts_with("AWS::") || t.starts_with("Custom::") || t.starts_with("Alexa::"));
    if (!ok) {
      ctx.report("CFN-STRUCTURE", file, type->mark, "resource " + r.key + " has no valid Type",
                 "a type looks like AWS::Service::Resource (or Custom::Name)", path + "/Type");
    }
  }
}

void check(Context& ctx) {
  for (const auto* f : ctx.yaml_of(FileKind::CloudFormation)) check_template(ctx, *f);
}

}  // namespace

const Family& cloudformation_family() {
  static const Family f{
      {{"CFN-STRUCTURE", "cloudformation", Severity::Error,
        "A CloudFormation template is a mapping with a non-empty Resources section whose resources have a Type",
        "An empty, truncated or mangled template would pass every resource check by having no resources.", kDocs}},
      check};
  return f;
}

}  // namespace pwpc::rules
