// PC-EFA (EfaPlacementGroupValidator, EfaValidator's GDR check, EfaMultiAzValidator) and
// PC-PLACEMENT-GROUP (PlacementGroupNamingValidator, MultiAzPlacementGroupValidator).
//
// Offline, a queue counts as spanning several Availability Zones when it lists more than
// one distinct subnet. When two such subnets share an AZ, ParallelCluster reports
// QueueSubnetsValidator instead; either way create-cluster stops.
#include <set>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

std::size_t distinct_subnets(const At& queue) {
  std::set<std::string> s;
  for (const auto& id : queue.at({"Networking", "SubnetIds"}).items()) {
    if (auto v = id.str()) s.insert(*v);
  }
  return s.size();
}

// The placement group that applies to a compute resource: its own, else the queue's.
At placement_group_for(const At& queue, const At& cr) {
  At own = cr.at({"Networking", "PlacementGroup"});
  return own.is_map() ? own : queue.at({"Networking", "PlacementGroup"});
}

bool pg_named(const At& pg) { return pg["Name"].truthy() || pg["Id"].truthy(); }
// Enabled: true, or a Name/Id with Enabled unset.
bool pg_enabled(const At& pg) {
  auto e = pg["Enabled"].boolean();
  return e.value_or(false) || (!e && pg_named(pg));
}

void check_naming(const Cluster& c, const At& pg) {
  if (!pg.is_map()) return;
  if (pg["Id"].truthy() && pg["Name"].truthy()) {
    c.report("PC-PLACEMENT-GROUP", pg, "PlacementGroup sets both Id and Name; use only Name",
             "Id is the older spelling of Name; keep one of them");
  }
  if (pg_named(pg) && pg["Enabled"].boolean() == false) {
    c.report("PC-PLACEMENT-GROUP", pg["Enabled"], "PlacementGroup names a group (Name/Id) but has Enabled: false",
             "set 'Enabled: true' to use the named group, or remove Name/Id");
  }
}

void check_queue(const Cluster& c, const At& queue) {
  const std::string qname = q(queue["Name"].str().value_or("?"));
  bool capacity_block = queue["CapacityType"].str().value_or("") == "CAPACITY_BLOCK";
  bool multi_subnet = distinct_subnets(queue) > 1;
  check_naming(c, queue.at({"Networking", "PlacementGroup"}));
  for (const auto& cr : queue["ComputeResources"].items()) {
    const std::string where = qname + "/" + q(cr["Name"].str().value_or("?"));
    At pg = placement_group_for(queue, cr);
    check_naming(c, cr.at({"Networking", "PlacementGroup"}));
    At efa = cr["Efa"];
    bool efa_on = efa["Enabled"].is_true();
    if (efa["GdrSupport"].is_true() && !efa_on && !cr["Instances"].truthy()) {
      c.report("PC-EFA", efa["GdrSupport"], "compute resource " + where + ": GdrSupport needs Efa/Enabled: true",
               "enable EFA or remove GdrSupport");
    }
    if (multi_subnet && pg_enabled(pg)) {
      c.report("PC-PLACEMENT-GROUP", pg,
               "compute resource " + where + " uses a placement group but its queue lists more than one subnet",
               "a cluster placement group lives in one Availability Zone: give the queue one subnet, or disable "
               "the placement group");
    }
    if (!efa_on) continue;
    if (multi_subnet) {
      c.report("PC-EFA", efa["Enabled"],
               "compute resource " + where + " enables EFA but its queue lists more than one subnet",
               "EFA traffic stays within one Availability Zone: give the queue a single subnet");
      continue;
    }
    if (capacity_block) continue;
    if (pg.is_map() && pg["Enabled"].boolean() == false) {
      c.report("PC-EFA", Severity::Warning, pg["Enabled"],
               "compute resource " + where + " enables EFA with the placement group disabled",
               "EFA works best inside a cluster placement group; enable it unless capacity is the concern");
      continue;
    }
    if (!pg_named(pg) && !(pg.is_map() && pg["Enabled"].is_true())) {
      c.report("PC-EFA", efa["Enabled"],
               "compute resource " + where + " enables EFA but the placement group is not explicit",
               "add 'Networking: {PlacementGroup: {Enabled: true}}' to the queue (or the compute resource), or "
               "'Enabled: false' to run without one");
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) check_queue(c, queue);
  });
}

}  // namespace

const Family& efa_family() {
  static const Family f{
      {rule("PC-EFA", Severity::Error,
            "EFA compute resources have an explicit placement group, one subnet, and GdrSupport only with EFA",
            "ParallelCluster's EfaPlacementGroupValidator (error without an explicit placement group, warning when "
            "it is disabled), EfaMultiAzValidator and EfaValidator's GDR check.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-PLACEMENT-GROUP", Severity::Error,
            "A placement group names one group (Name or Id), is enabled when named, and is not used across subnets",
            "ParallelCluster's PlacementGroupNamingValidator and MultiAzPlacementGroupValidator.",
            std::string(kPcSource) + "validators/ec2_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
