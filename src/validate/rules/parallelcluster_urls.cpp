// PC-URL (UrlValidator and its timed copy on custom action scripts) and PC-CUSTOM-ACTION
// (the schema load's Script/Sequence rule). Offline only the form of a URL is decidable;
// whether it can be fetched is left to ParallelCluster, which only warns about it too.
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

// Python: re.match(r"s3://(.*?)/(.*)", url): "s3://", then a '/' before any newline.
bool s3_has_key_separator(std::string_view url) {
  if (!url.starts_with("s3://")) return false;
  for (std::size_t i = 5; i < url.size(); ++i) {
    if (url[i] == '\n') return false;
    if (url[i] == '/') return true;
  }
  return false;
}

void check_url(const Cluster& c, const At& at, const std::string& what) {
  auto url = at.string();
  if (!url) return;
  std::string scheme = url_scheme(*url);
  if (scheme != "https" && scheme != "s3") {
    c.report("PC-URL", at, what + ": " + q(*url) + " is not a valid URL; it must start with https:// or s3://",
             "host the file on S3 (s3://bucket/key) or an HTTPS server; http:// and file:// are refused");
    return;
  }
  if (scheme == "s3" && !s3_has_key_separator(*url)) {
    c.report("PC-URL", at, what + ": s3 URL " + q(*url) + " is invalid; it needs a bucket and a key",
             "write it as s3://bucket/path/to/script.sh");
  }
}

void check_actions(const Cluster& c, const At& actions, const std::string& owner) {
  for (const auto& f : actions.fields()) {
    const At& action = f.value;
    if (!action.is_map()) continue;
    const std::string what = owner + " " + f.key;
    bool script = action.node->entry("Script") != nullptr, sequence = action.node->entry("Sequence") != nullptr;
    if (script && sequence) {
      c.report("PC-CUSTOM-ACTION", action, what + ": both Script and Sequence are given; only one is allowed",
               "use Script for one script, or Sequence for several");
    } else if (!script && !sequence) {
      c.report("PC-CUSTOM-ACTION", action, what + ": either Script or Sequence must be given",
               "add 'Script: s3://bucket/script.sh' (or a Sequence of scripts)");
    }
    if (script) check_url(c, action["Script"], what + " Script");
    if (sequence && !script) {
      for (const auto& item : action["Sequence"].items()) check_url(c, item["Script"], what + " Sequence Script");
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_actions(c, c.root.at({"HeadNode", "CustomActions"}), "HeadNode");
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
      check_actions(c, queue["CustomActions"], "queue " + q(queue["Name"].str().value_or("?")));
    }
    for (const auto& pool : c.root.at({"LoginNodes", "Pools"}).items()) {
      check_actions(c, pool["CustomActions"], "login node pool " + q(pool["Name"].str().value_or("?")));
    }
    At include = c.slurm_settings()["CustomSlurmSettingsIncludeFile"];
    check_url(c, include, "CustomSlurmSettingsIncludeFile");
  });
}

}  // namespace

const Family& urls_family() {
  static const Family f{
      {rule("PC-URL", Severity::Error,
            "Custom action scripts and the Slurm include file are https:// or s3://bucket/key URLs",
            "ParallelCluster's UrlValidator (AsyncTimedUrlValidator for custom actions) refuses other schemes and "
            "s3 URLs without a key. Reachability is a network question, a warning even in ParallelCluster, and is "
            "not checked offline.",
            std::string(kPcDocs) + "custom-bootstrap-actions-v3.html"),
       rule("PC-CUSTOM-ACTION", Severity::Error, "Each custom action has exactly one of Script or Sequence",
            "ParallelCluster's schema load (OneOrManyCustomActionField) refuses both and neither.",
            std::string(kPcSource) + "schemas/cluster_schema.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
