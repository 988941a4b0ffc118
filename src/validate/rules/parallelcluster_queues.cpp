// Queue and compute resource sizing: PC-QUEUE-LIMITS (MaxCountValidator), PC-MIN-MAX-COUNT
// (ComputeResourceSizeValidator, AwsBatchComputeResourceSizeValidator), PC-SCHEDULABLE-MEMORY,
// and the compute resource shape checks of the schema load: PC-INSTANCE-TYPE and
// PC-CAPACITY-RESERVATION.
#include <set>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

constexpr std::size_t kMaxQueues = 50;
constexpr std::size_t kMaxComputeResources = 50;  // per queue and per cluster
constexpr long long kDefaultMinCount = 0;
constexpr long long kDefaultMaxCount = 10;

void check_limits(const Cluster& c) {
  if (!c.slurm()) return;
  At queues = c.root.at({"Scheduling", "SlurmQueues"});
  auto qs = queues.items();
  if (qs.size() > kMaxQueues) {
    c.report("PC-QUEUE-LIMITS", queues,
             "invalid number of SlurmQueues (" + std::to_string(qs.size()) + "); ParallelCluster supports up to 50",
             "merge queues, or run a second cluster");
  }
  std::size_t total = 0;
  for (const auto& queue : qs) {
    At crs = queue["ComputeResources"];
    auto n = crs.items().size();
    total += n;
    if (n > kMaxComputeResources) {
      c.report("PC-QUEUE-LIMITS", crs,
               "invalid number of ComputeResources in queue " + q(queue["Name"].str().value_or("?")) + " (" +
                   std::to_string(n) + "); ParallelCluster supports up to 50 per queue",
               "move compute resources to another queue or use Instances (several instance types in one resource)");
    }
  }
  if (total > kMaxComputeResources) {
    c.report("PC-QUEUE-LIMITS", queues,
             "invalid number of ComputeResources in the cluster (" + std::to_string(total) +
                 "); ParallelCluster supports up to 50 across all queues",
             "combine compute resources with Instances (several instance types in one resource)");
  }
}

void check_slurm_counts(const Cluster& c, const At& queue) {
  bool capacity_block = queue["CapacityType"].str().value_or("") == "CAPACITY_BLOCK";
  for (const auto& cr : queue["ComputeResources"].items()) {
    if (!cr.is_map()) continue;
    At min_at = cr["MinCount"], max_at = cr["MaxCount"];
    long long mn = min_at.integer().value_or(kDefaultMinCount);
    long long mx = max_at.integer().value_or(kDefaultMaxCount);
    if ((min_at.present() && !min_at.integer()) || (max_at.present() && !max_at.integer())) continue;
    const std::string name = q(cr["Name"].str().value_or("?"));
    At where = max_at.present() ? max_at : min_at.present() ? min_at : cr;
    if (mx < mn) {
      c.report("PC-MIN-MAX-COUNT", where,
               "compute resource " + name + ": MaxCount (" + std::to_string(mx) +
                   (max_at.present() ? "" : ", the default") + ") must be greater than or equal to MinCount (" +
                   std::to_string(mn) + ")",
               "raise MaxCount or lower MinCount; MinCount nodes run all the time, MaxCount is the ceiling");
    }
    if (capacity_block) {
      if (mx != mn) {
        c.report("PC-MIN-MAX-COUNT", where,
                 "compute resource " + name + ": with CapacityType CAPACITY_BLOCK, MaxCount (" + std::to_string(mx) +
                     ") must equal MinCount (" + std::to_string(mn) + ")",
                 "set both to the number of instances in the Capacity Block reservation");
      }
      if (mn == 0) {
        c.report("PC-MIN-MAX-COUNT", min_at.present() ? min_at : cr,
                 "compute resource " + name + ": with CapacityType CAPACITY_BLOCK, MinCount must be greater than 0",
                 "set MinCount (and MaxCount) to the number of instances in the Capacity Block reservation");
      }
    }
  }
}

void check_batch_counts(const Cluster& c, const At& queue) {
  for (const auto& cr : queue["ComputeResources"].items()) {
    At min_at = cr["MinvCpus"], max_at = cr["MaxvCpus"], des_at = cr["DesiredvCpus"];
    if ((min_at.present() && !min_at.integer()) || (max_at.present() && !max_at.integer()) ||
        (des_at.present() && !des_at.integer())) {
      continue;
    }
    long long mn = min_at.integer().value_or(0);
    long long mx = max_at.integer().value_or(kDefaultMaxCount);
    long long de = des_at.integer().value_or(mn);
    const std::string name = q(cr["Name"].str().value_or("?"));
    const std::string values = " (MinvCpus " + std::to_string(mn) + ", DesiredvCpus " + std::to_string(de) +
                               ", MaxvCpus " + std::to_string(mx) + ")";
    auto bad = [&](const At& where, std::string_view what) {
      std::string msg = "compute resource ";
      msg.append(name).append(": ").append(what).append(values);
      c.report("PC-MIN-MAX-COUNT", where.present() ? where : cr, msg, "keep MinvCpus <= DesiredvCpus <= MaxvCpus");
    };
    if (de < mn) bad(des_at, "DesiredvCpus must be greater than or equal to MinvCpus");
    if (de > mx) bad(des_at, "DesiredvCpus must be less than or equal to MaxvCpus");
    if (mx < mn) bad(max_at, "MaxvCpus must be greater than or equal to MinvCpus");
  }
}

void check_compute_resource_shape(const Cluster& c, const At& cr) {
  if (!cr.is_map()) return;  // the schema reports it
  const std::string name = q(cr["Name"].str().value_or("?"));
  At it = cr["InstanceType"], inst = cr["Instances"];
  if (it.truthy() && inst.truthy()) {
    c.report("PC-INSTANCE-TYPE", inst,
             "compute resource " + name + " sets both InstanceType and Instances; it needs exactly one",
             "keep InstanceType for one instance type, or list every type under Instances");
  }
  if (!inst.truthy() && !it.truthy() && !cr.at({"CapacityReservationTarget", "CapacityReservationId"}).truthy()) {
    c.report("PC-INSTANCE-TYPE", cr,
             "compute resource " + name +
                 " needs Instances, InstanceType or CapacityReservationTarget/CapacityReservationId",
             "add 'InstanceType: <type>' (or an Instances list)");
  }
  std::set<std::string> seen;
  for (const auto& i : inst.items()) {
    auto t = i["InstanceType"].str();
    if (t && !seen.insert(*t).second) {
      c.report("PC-INSTANCE-TYPE", i["InstanceType"],
               "compute resource " + name + ": duplicate instance type " + q(*t) + " in Instances",
               "list each instance type once");
    }
  }
}

void check_capacity_reservation_target(const Cluster& c, const At& target) {
  if (!target.is_map()) return;
  int n = (target["CapacityReservationId"].truthy() ? 1 : 0) +
          (target["CapacityReservationResourceGroupArn"].truthy() ? 1 : 0);
  if (n != 1) {
    c.report("PC-CAPACITY-RESERVATION", target,
             "a CapacityReservationTarget needs exactly one of CapacityReservationId or "
             "CapacityReservationResourceGroupArn (it has " +
                 std::to_string(n) + ")",
             "keep the reservation id, or the resource group ARN, not both");
  }
}

void check_schedulable_memory(const Cluster& c, const At& cr) {
  At sm = cr["SchedulableMemory"];
  auto v = sm.integer();
  if (v && *v < 1) {
    c.report("PC-SCHEDULABLE-MEMORY", sm,
             "SchedulableMemory of compute resource " + q(cr["Name"].str().value_or("?")) + " is " +
                 std::to_string(*v) + " MiB; it must be at least 1",
             "remove it to let ParallelCluster use ~95% of the instance memory, or give a positive MiB value");
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_limits(c);
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
      check_slurm_counts(c, queue);
      check_capacity_reservation_target(c, queue["CapacityReservationTarget"]);
      for (const auto& cr : queue["ComputeResources"].items()) {
        check_compute_resource_shape(c, cr);
        check_capacity_reservation_target(c, cr["CapacityReservationTarget"]);
        check_schedulable_memory(c, cr);
      }
    }
    for (const auto& queue : c.root.at({"Scheduling", "AwsBatchQueues"}).items()) check_batch_counts(c, queue);
  });
}

}  // namespace

const Family& queues_family() {
  static const Family f{
      {rule("PC-QUEUE-LIMITS", Severity::Error, "At most 50 Slurm queues, 50 compute resources per queue and 50 in all",
            "ParallelCluster's MaxCountValidator refuses more; exactly 50 is allowed.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-MIN-MAX-COUNT", Severity::Error,
            "MaxCount >= MinCount (equal and > 0 for Capacity Blocks); Batch MinvCpus <= DesiredvCpus <= MaxvCpus",
            "ParallelCluster's ComputeResourceSizeValidator and AwsBatchComputeResourceSizeValidator, with the "
            "defaults applied first (MinCount 0, MaxCount 10; MinvCpus 0, MaxvCpus 10, DesiredvCpus = MinvCpus).",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-SCHEDULABLE-MEMORY", Severity::Error, "SchedulableMemory is at least 1 MiB",
            "ParallelCluster's SchedulableMemoryValidator refuses values below 1; the comparison with the instance "
            "memory needs EC2 data and is not made offline.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-INSTANCE-TYPE", Severity::Error,
            "A Slurm compute resource has InstanceType xor Instances (or a capacity reservation id), without repeats",
            "ParallelCluster's schema load (SlurmComputeResourceSchema) refuses both, neither, and duplicate "
            "instance types.",
            std::string(kPcSource) + "schemas/cluster_schema.py"),
       rule("PC-CAPACITY-RESERVATION", Severity::Error,
            "A CapacityReservationTarget names exactly one reservation id or resource group ARN",
            "ParallelCluster's schema load (CapacityReservationTargetSchema) refuses both or neither.",
            std::string(kPcSource) + "schemas/cluster_schema.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
