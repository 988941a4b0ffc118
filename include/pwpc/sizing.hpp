// Sizing: Profile -> Plan. Pure functions, no I/O. The tested figures of the reference
// architecture live in one table (tested_figures.cpp), the instance catalog and prices in
// data/ (embedded); every number in the plan records the rule that produced it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pwpc/profile.hpp"

namespace pwpc {

// Why a number is what it is: a rule ID (see docs) and a sentence for humans.
struct Reason {
  std::string rule;    // e.g. "login-nodes-tested-table"
  std::string text;    // e.g. "1000 sessions -> 4 login nodes (tested row <= 1000)"
  std::string source;  // reference section or URL
};

struct PlanWarning {
  std::string code;      // "untested-scale", "single-server-simpler", ...
  std::string severity;  // "warning" | "info"
  std::string message;
};

struct InstanceType {
  std::string name;
  int vcpus = 0;
  double memory_gib = 0;
  int gpus = 0;
  std::string gpu_type;  // "t4", "a10g", ... empty without GPUs
  double usd_per_hour = 0;
  bool burstable = false;        // T family (CPU credits): never planned for compute nodes
  std::string price_source;      // where usd_per_hour comes from, with its date
  std::string price_confidence;  // "high", "medium", "low", ... ("unknown" = not in the catalog)
};

struct QueuePlan {
  std::string name;              // workload name
  std::string compute_resource;  // compute resource name in the queue
  InstanceType instance;
  int sessions_per_node = 0;
  double schedulable_memory_gib = 0;  // what Slurm can hand out per node
  int min_count = 0;
  int max_count = 0;
  long long peak_sessions = 0;
  Workload workload;
  Reason reason;
};

struct CostItem {
  std::string item;    // "login nodes", "compute: interactive", ...
  std::string detail;  // "4 x t2.xlarge x 730 h x $0.1856/h"
  double monthly_usd = 0;
  std::string price_source;  // where the unit price comes from, with its date
};

struct Plan {
  Profile profile;

  struct Sessions {
    long long peak = 0;
    Reason reason;
  } sessions;
  struct Nodes {
    int count = 0;
    InstanceType instance;
    Reason reason;
    Reason type_reason;
  };  // reason: count
  Nodes login_nodes;
  Nodes head_node;
  struct Database {
    std::string engine;
    std::string instance_class;
    Reason reason;
  };
  Database workbench_db;         // PostgreSQL
  Database slurm_accounting_db;  // MySQL
  struct Home {
    int capacity_gib = 0;
    std::string deployment_type;
    int throughput_per_tib = 0;
    Reason reason;
    double need_gib = 0;
  } home;
  // The two EFS file systems of the reference architecture (metadata only, a few GB).
  struct Efs {
    std::string name;
    std::string purpose;
    std::string mount_dir;
    double assumed_gb = 0;
    Reason reason;
  };
  std::vector<Efs> efs;
  std::vector<QueuePlan> queues;
  struct Cost {
    double monthly_usd = 0;
    std::vector<CostItem> items;
    std::string prices_as_of;
    std::string region;
    Reason reason;
    std::vector<std::string> excluded;
  } cost;
  std::vector<PlanWarning> warnings;
};

Plan make_plan(const Profile& p);

// Individual rules, exposed for unit tests.
long long peak_sessions(long long concurrent, double sessions_per_user);
int login_node_count(long long sessions, Reason* why = nullptr, bool* untested = nullptr);
// Smallest valid FSx for Lustre capacity >= need_gib for the deployment type.
// Throws std::invalid_argument for an unknown deployment type.
int fsx_lustre_capacity(double need_gib, const std::string& deployment_type);
// RDS instance class for both databases: the tested db.t3.micro up to 5000 sessions, a
// larger db.t3 class above (untested).
std::string database_class(long long sessions, Reason* why = nullptr, bool* untested = nullptr);
// Sessions of workload w that fit on one node without Slurm over-committing it: limited by
// vCPUs, by schedulable memory (95% of EC2 memory, in whole MiB) and by GPUs. 0 = none fit.
int sessions_per_node(const InstanceType& it, const Workload& w);
// Memory Slurm can hand out on a node of this type (ParallelCluster's SchedulableMemory).
double schedulable_memory_gib(const InstanceType& it);
// The cheapest instance type per session for a workload (GPU workloads: GPU types only;
// CPU workloads: no GPU and no burstable types) and its node counts for `workload_sessions`.
// Throws InputError (rule PROFILE-WORKLOAD-FIT, at w.mark in profile_path) when nothing fits.
QueuePlan plan_queue(const Workload& w, long long workload_sessions, const std::string& profile_path);
// "m6i.2xlarge" -> "m6i-2xlarge" (ParallelCluster: ^[a-z][a-z0-9-]*$, <= 25 characters).
std::string compute_resource_name(std::string_view instance_type);
// Money rounded half away from zero to whole cents.
double round_cents(double usd);

// The embedded instance catalog (data/instance-catalog.yaml), in file order.
const std::vector<InstanceType>& instance_catalog();
// nullptr when the type is not in the catalog.
const InstanceType* find_instance_type(std::string_view name);

// Machine output (documented, versioned) and the human table.
std::string plan_to_json(const Plan& plan);  // pretty, stable key order, trailing newline
std::string plan_to_text(const Plan& plan);

}  // namespace pwpc
