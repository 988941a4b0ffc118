// PC-SECURITY-GROUPS (the schema load's SecurityGroups/AdditionalSecurityGroups
// exclusion) and PC-QUEUE-SUBNETS (SingleInstanceTypeSubnetValidator, and a subnet listed
// twice in one queue, which QueueSubnetsValidator refuses).
#include <map>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

void check_security_groups(const Cluster& c, const At& networking, std::string_view owner) {
  if (networking["SecurityGroups"].truthy() && networking["AdditionalSecurityGroups"].truthy()) {
    c.report("PC-SECURITY-GROUPS", networking["AdditionalSecurityGroups"],
             std::string(owner) + ": SecurityGroups and AdditionalSecurityGroups can not be configured together",
             "SecurityGroups replaces the groups ParallelCluster creates, AdditionalSecurityGroups adds to them; "
             "keep one of the two lists");
  }
}

void check_queue_subnets(const Cluster& c, const At& queue) {
  const std::string qname = q(queue["Name"].str().value_or("?"));
  At subnets = queue.at({"Networking", "SubnetIds"});
  auto ids = subnets.items();
  std::map<std::string, int> seen;
  for (const auto& id : ids) {
    auto v = id.str();
    if (v && seen[*v]++ == 1) {
      c.report("PC-QUEUE-SUBNETS", id, "queue " + qname + " lists subnet " + q(*v) + " more than once",
               "list each subnet once; each must be in a different Availability Zone");
    }
  }
  if (ids.size() <= 1) return;
  for (const auto& cr : queue["ComputeResources"].items()) {
    if (!cr.is_map() || cr["Instances"].truthy()) continue;
    c.report("PC-QUEUE-SUBNETS", subnets,
             "queue " + qname + " lists " + std::to_string(ids.size()) + " subnets but compute resource " +
                 q(cr["Name"].str().value_or("?")) + " uses a single InstanceType",
             "several subnets need every compute resource of the queue to use 'Instances' (a list of instance "
             "types); otherwise keep one subnet");
    break;
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_security_groups(c, c.root.at({"HeadNode", "Networking"}), "HeadNode");
    for (const char* list : {"SlurmQueues", "AwsBatchQueues"}) {
      for (const auto& queue : c.root.at({"Scheduling", list}).items()) {
        check_security_groups(c, queue["Networking"], "queue " + q(queue["Name"].str().value_or("?")));
      }
    }
    for (const auto& pool : c.root.at({"LoginNodes", "Pools"}).items()) {
      check_security_groups(c, pool["Networking"], "login node pool " + q(pool["Name"].str().value_or("?")));
    }
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) check_queue_subnets(c, queue);
  });
}

}  // namespace

const Family& networking_family() {
  static const Family f{
      {rule("PC-SECURITY-GROUPS", Severity::Error, "SecurityGroups and AdditionalSecurityGroups are not both set",
            "ParallelCluster's schema load (BaseNetworkingSchema) refuses the two lists together on the head node, "
            "queues and login pools.",
            std::string(kPcSource) + "schemas/cluster_schema.py"),
       rule("PC-QUEUE-SUBNETS", Severity::Error,
            "A queue with several subnets uses Instances in every compute resource and lists each subnet once",
            "ParallelCluster's SingleInstanceTypeSubnetValidator refuses several subnets when a compute resource "
            "uses InstanceType; QueueSubnetsValidator refuses two subnets in one Availability Zone, which a "
            "repeated subnet always is.",
            std::string(kPcSource) + "validators/networking_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
