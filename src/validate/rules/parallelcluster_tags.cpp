// PC-TAGS: the schema load's duplicate tag keys (cluster, queue, compute resource) and
// ComputeResourceTagsValidator (at most 40 tags reach an instance; keys repeated across
// levels are overridden, which ParallelCluster mentions as a warning).
#include <map>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

constexpr std::size_t kMaxTags = 40;

std::map<std::string, At> tag_keys(const Cluster& c, const At& tags, const std::string& owner) {
  std::map<std::string, At> keys;
  for (const auto& t : tags.items()) {
    At key = t["Key"];
    auto k = key.str();
    if (!k) continue;
    if (!keys.emplace(*k, key).second) {
      c.report("PC-TAGS", key, owner + ": duplicate tag key " + q(*k), "give each tag key once in a Tags list");
    }
  }
  return keys;
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    auto cluster_keys = tag_keys(c, c.root["Tags"], "Tags");
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
      const std::string qname = "queue " + q(queue["Name"].str().value_or("?"));
      auto queue_keys = tag_keys(c, queue["Tags"], qname + " Tags");
      std::size_t queue_only = 0;
      for (const auto& [k, at] : queue_keys) queue_only += !cluster_keys.count(k);
      for (const auto& cr : queue["ComputeResources"].items()) {
        const std::string crname = qname + " compute resource " + q(cr["Name"].str().value_or("?"));
        auto cr_keys = tag_keys(c, cr["Tags"], crname + " Tags");
        // |cluster ∪ queue ∪ compute resource| without building the union per compute resource.
        std::size_t total = cluster_keys.size() + queue_only;
        for (const auto& [k, at] : cr_keys) total += !cluster_keys.count(k) && !queue_keys.count(k);
        if (total > kMaxTags) {
          c.report("PC-TAGS", cr["Tags"].present() ? cr["Tags"] : cr,
                   crname + " gets " + std::to_string(total) +
                       " tags (cluster, queue and compute resource together); the limit is 40",
                   "EC2 allows 50 tags and ParallelCluster keeps 10 for itself; drop or merge tags");
        }
        for (const auto& [k, at] : cr_keys) {
          if (queue_keys.count(k) || cluster_keys.count(k)) {
            c.report("PC-TAGS", Severity::Warning, at,
                     crname + ": tag " + q(k) + " overrides the same key set at the " +
                         (queue_keys.count(k) ? "queue" : "cluster") + " level",
                     "the compute resource value wins; remove one of them if that is not intended");
          }
        }
      }
      for (const auto& [k, at] : queue_keys) {
        if (cluster_keys.count(k)) {
          c.report("PC-TAGS", Severity::Warning, at,
                   qname + ": tag " + q(k) + " overrides the same key set at the cluster level",
                   "the queue value wins; remove one of them if that is not intended");
        }
      }
    }
  });
}

}  // namespace

const Family& tags_family() {
  static const Family f{
      {rule("PC-TAGS", Severity::Error, "Tag keys are unique per list and at most 40 tags reach a compute node",
            "ParallelCluster's schema load refuses duplicate keys in a Tags list; ComputeResourceTagsValidator "
            "refuses more than 40 distinct keys across cluster, queue and compute resource, and warns when a lower "
            "level overrides a key.",
            std::string(kPcSource) + "validators/tags_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
