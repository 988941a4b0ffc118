// PC-IAM: the schema load's IAM exclusions. InstanceRole, InstanceProfile and
// AdditionalIamPolicies exclude each other (head node, queues, login pools, image Build);
// S3Access excludes InstanceRole and InstanceProfile (head node and queues).
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

void check_iam(const Cluster& c, const At& iam, const std::string& owner, bool has_s3_access) {
  if (!iam.is_map()) return;
  std::vector<std::string> set;
  for (const char* k : {"InstanceRole", "InstanceProfile", "AdditionalIamPolicies"}) {
    if (iam[k].truthy()) set.emplace_back(k);
  }
  if (set.size() > 1) {
    c.report("PC-IAM", iam[set[1]], owner + " Iam: " + join(set, " and ") + " can not be configured together",
             "InstanceRole or InstanceProfile replaces the role ParallelCluster creates; AdditionalIamPolicies "
             "adds to it. Keep one of them");
  }
  if (!has_s3_access || !iam["S3Access"].truthy()) return;
  for (const char* k : {"InstanceRole", "InstanceProfile"}) {
    if (iam[k].truthy()) {
      c.report("PC-IAM", iam["S3Access"],
               owner + " Iam: S3Access can not be configured when " + std::string(k) + " is set",
               "grant the S3 access in your own role's policies, or drop " + std::string(k) +
                   " and let ParallelCluster build the role");
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_iam(c, c.root.at({"HeadNode", "Iam"}), "HeadNode", true);
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
      check_iam(c, queue["Iam"], "queue " + q(queue["Name"].str().value_or("?")), true);
    }
    for (const auto& pool : c.root.at({"LoginNodes", "Pools"}).items()) {
      check_iam(c, pool["Iam"], "login node pool " + q(pool["Name"].str().value_or("?")), false);
    }
  });
  for_each_image(ctx, [](const Cluster& c) { check_iam(c, c.root.at({"Build", "Iam"}), "Build", false); });
}

}  // namespace

const Family& iam_family() {
  static const Family f{
      {rule("PC-IAM", Severity::Error,
            "InstanceRole, InstanceProfile and AdditionalIamPolicies exclude each other; S3Access needs neither role",
            "ParallelCluster's schema load (BaseIamSchema, IamSchema, the image IamSchema) refuses these "
            "combinations.",
            std::string(kPcDocs) + "iam-roles-in-parallelcluster-v3.html")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
