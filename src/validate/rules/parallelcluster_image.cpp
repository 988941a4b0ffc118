// Build-image configs and JSON-valued settings: PC-IMAGE-COMPONENTS (the image schema's
// component value rule) and PC-JSON-SETTING (ExtraChefAttributes, LaunchPermission).
#include <nlohmann/json.hpp>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

void check_json(const Cluster& c, const At& at, const std::string& what) {
  if (!at.truthy()) return;
  auto text = at.string();
  if (!text || nlohmann::json::accept(*text)) return;
  c.report("PC-JSON-SETTING", at, what + " is not valid JSON",
           "write it as a JSON object, e.g. '{\"cluster\": {}}' (quote the whole value in YAML)");
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_json(c, c.root.at({"DevSettings", "Cookbook", "ExtraChefAttributes"}),
               "DevSettings/Cookbook/ExtraChefAttributes");
  });
  for_each_image(ctx, [](const Cluster& c) {
    check_json(c, c.root.at({"DevSettings", "Cookbook", "ExtraChefAttributes"}),
               "DevSettings/Cookbook/ExtraChefAttributes");
    check_json(c, c.root.at({"DevSettings", "DistributionConfiguration", "LaunchPermission"}),
               "DevSettings/DistributionConfiguration/LaunchPermission");
    for (const auto& comp : c.root.at({"Build", "Components"}).items()) {
      auto type = comp["Type"].str().value_or("");
      At value_at = comp["Value"];
      auto value = value_at.string();
      if (!value) continue;
      if (type == "arn" && !value->starts_with("arn")) {
        c.report(
            "PC-IMAGE-COMPONENTS", value_at,
            "component of Type arn has the value " + q(*value) + ", which is not an ARN",
            "give the Image Builder component ARN (arn:aws:imagebuilder:...), or use Type script for a script URL");
      }
      if (type == "script") {
        auto scheme = url_scheme(*value);
        if (scheme != "https" && scheme != "s3") {
          c.report("PC-IMAGE-COMPONENTS", value_at,
                   "component of Type script has the value " + q(*value) + ", which is not an https:// or s3:// URL",
                   "upload the script to S3 or an HTTPS server and give its URL");
        }
      }
    }
  });
}

}  // namespace

const Family& image_family() {
  static const Family f{
      {rule("PC-IMAGE-COMPONENTS", Severity::Error,
            "Build components of Type arn are ARNs, of Type script https:// or s3:// URLs",
            "ParallelCluster's image schema load (ComponentSchema.validate_component_value).",
            std::string(kPcDocs) + "Build-v3.html"),
       rule("PC-JSON-SETTING", Severity::Error, "ExtraChefAttributes and LaunchPermission hold valid JSON",
            "ParallelCluster's schema load parses these strings as JSON and refuses anything else.",
            std::string(kPcSource) + "schemas/common_schema.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
