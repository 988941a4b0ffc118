// What the scheduler allows: PC-SCHEDULER-SECTIONS (the schema load's Scheduling rules and
// no_settings_for_batch, LoginNodesSchedulerValidator,
// SchedulerDisableSudoAccessForDefaultUserValidator), PC-IMDS (HeadNodeImdsValidator),
// PC-INTEL-HPC (IntelHpcOsValidator), PC-OS (SchedulerOsValidator, OsCustomAmiValidator)
// and PC-LOGIN-POOLS (the number of login node pools per version).
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

void check_sections(const Cluster& c) {
  At sched = c.root["Scheduling"];
  if (!sched.is_map() || c.scheduler.empty()) return;
  At slurm_settings = sched["SlurmSettings"], batch_settings = sched["AwsBatchSettings"];
  At slurm_queues = sched["SlurmQueues"], batch_queues = sched["AwsBatchQueues"];
  if (slurm_settings.truthy() && batch_settings.truthy()) {
    c.report("PC-SCHEDULER-SECTIONS", batch_settings, "Scheduling has both SlurmSettings and AwsBatchSettings",
             "keep the settings of the scheduler named in Scheduling/Scheduler");
  }
  int queue_lists = (slurm_queues.truthy() ? 1 : 0) + (batch_queues.truthy() ? 1 : 0);
  if (queue_lists != 1) {
    std::string want = c.batch() ? "AwsBatchQueues" : "SlurmQueues";
    c.report("PC-SCHEDULER-SECTIONS", queue_lists ? batch_queues : sched,
             queue_lists ? "Scheduling has both SlurmQueues and AwsBatchQueues"
                         : "the " + want + " section must be specified (and not empty) in the Scheduling section",
             "list the queues under " + want + " for Scheduler " + c.scheduler);
  }
  struct Section {
    const char* key;
    const char* scheduler;
  };
  for (Section s : {Section{"SlurmSettings", "slurm"}, Section{"SlurmQueues", "slurm"},
                    Section{"AwsBatchSettings", "awsbatch"}, Section{"AwsBatchQueues", "awsbatch"}}) {
    At at = sched[s.key];
    if (!at.node || c.scheduler == s.scheduler) continue;
    if (c.scheduler != "slurm" && c.scheduler != "awsbatch") continue;
    c.report("PC-SCHEDULER-SECTIONS", at, std::string(s.key) + " is not appropriate to Scheduler " + q(c.scheduler),
             std::string("remove it, or set 'Scheduler: ") + s.scheduler + "'");
  }
  if (c.batch()) {
    const char* why = " is not supported when using awsbatch as the scheduler";
    At intel = c.root.at({"AdditionalPackages", "IntelSoftware", "IntelHpcPlatform"});
    if (intel.is_true()) {
      c.report("PC-SCHEDULER-SECTIONS", intel, std::string("the IntelSoftware configuration") + why,
               "remove AdditionalPackages/IntelSoftware or use Scheduler slurm");
    }
    At updated = c.root.at({"HeadNode", "CustomActions", "OnNodeUpdated"});
    if (updated.truthy()) {
      c.report("PC-SCHEDULER-SECTIONS", updated, std::string("the OnNodeUpdated configuration") + why,
               "remove HeadNode/CustomActions/OnNodeUpdated or use Scheduler slurm");
    }
    At ds = c.root["DirectoryService"];
    if (ds.truthy()) {
      c.report("PC-SCHEDULER-SECTIONS", ds, std::string("the DirectoryService configuration") + why,
               "remove DirectoryService or use Scheduler slurm");
    }
    At login = c.root["LoginNodes"];
    if (login.truthy()) {
      c.report("PC-SCHEDULER-SECTIONS", login, "LoginNodes are supported only with Scheduler slurm",
               "remove LoginNodes or use Scheduler slurm");
    }
    At sudo = c.root.at({"DeploymentSettings", "DisableSudoAccessForDefaultUser"});
    if (sudo.is_true()) {
      c.report("PC-SCHEDULER-SECTIONS", sudo,
               "DisableSudoAccessForDefaultUser is not supported with Scheduler awsbatch",
               "remove it or use Scheduler slurm");
    }
  }
}

void check_imds(const Cluster& c) {
  if (c.scheduler.empty() || c.slurm()) return;
  At secured = c.root.at({"HeadNode", "Imds", "Secured"});
  if (!secured.boolean().value_or(true)) return;
  c.report("PC-IMDS", secured.present() ? secured : c.root["HeadNode"],
           "IMDS Secured cannot be enabled when using scheduler " + c.scheduler +
               (secured.present() ? "" : " (HeadNode/Imds/Secured defaults to true)"),
           "add 'Imds: {Secured: false}' under HeadNode; only Slurm supports restricting IMDS on the head node");
}

void check_intel(const Cluster& c) {
  if (c.batch()) return;  // the schema-level awsbatch rule above covers it
  At intel = c.root.at({"AdditionalPackages", "IntelSoftware", "IntelHpcPlatform"});
  if (!intel.is_true() || c.os == "centos7") return;
  c.report("PC-INTEL-HPC", intel,
           "IntelHpcPlatform needs Image/Os centos7" + std::string(c.os.empty() ? "" : ", not " + q(c.os)) +
               (c.version() >= Version{3, 10, 0} ? "; centos7 is not supported since ParallelCluster 3.10.0, so "
                                                   "the Intel HPC Platform cannot be enabled"
                                                 : ""),
           "remove AdditionalPackages/IntelSoftware/IntelHpcPlatform; install Intel oneAPI yourself with a custom "
           "action or a custom AMI");
}

void check_os(const Cluster& c) {
  At os_at = c.root.at({"Image", "Os"});
  if (c.os.empty()) return;
  if (c.batch()) {
    bool ok = c.os == "alinux2" || (c.os == "alinux2023" && c.version() >= Version{3, 10, 0});
    if (!ok) {
      c.report("PC-OS", os_at, "the awsbatch scheduler does not support Image/Os " + q(c.os),
               "use Os alinux2 with awsbatch");
    }
  }
  if ((c.os == "rocky8" || c.os == "rocky9") && !c.root.at({"Image", "CustomAmi"}).truthy()) {
    c.report("PC-OS", os_at, "ParallelCluster publishes no official AMI for " + c.os,
             "build one with pcluster build-image and set Image/CustomAmi, or choose rhel8/rhel9");
  }
}

void check_login_pools(const Cluster& c) {
  At pools = c.root.at({"LoginNodes", "Pools"});
  if (!pools.is_seq()) return;
  auto n = pools.items().size();
  if (c.version() < Version{3, 11, 0}) {
    if (n != 1) {
      c.report("PC-LOGIN-POOLS", pools,
               "LoginNodes/Pools has " + std::to_string(n) + " pools; ParallelCluster " + c.version().str() +
                   " supports exactly one",
               "keep one pool, or target ParallelCluster 3.11.0 or later (--parallelcluster-version), which allows "
               "up to 10");
    }
  } else if (n > 10) {
    c.report("PC-LOGIN-POOLS", pools,
             "LoginNodes/Pools has " + std::to_string(n) + " pools; ParallelCluster supports up to 10", "merge pools");
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_sections(c);
    check_imds(c);
    check_intel(c);
    check_os(c);
    check_login_pools(c);
  });
}

}  // namespace

const Family& scheduler_family() {
  static const Family f{
      {rule("PC-SCHEDULER-SECTIONS", Severity::Error,
            "Scheduling sections match the scheduler, and awsbatch clusters avoid what only Slurm supports",
            "ParallelCluster's schema load refuses Slurm* sections with awsbatch (and the reverse) and, with "
            "awsbatch, IntelSoftware, HeadNode OnNodeUpdated and DirectoryService; its validators refuse LoginNodes "
            "and DisableSudoAccessForDefaultUser with awsbatch.",
            std::string(kPcSource) + "schemas/cluster_schema.py"),
       rule("PC-IMDS", Severity::Error, "HeadNode/Imds/Secured is false with awsbatch (it defaults to true)",
            "ParallelCluster's HeadNodeImdsValidator: only Slurm supports a secured IMDS on the head node, and the "
            "default is secured, so every awsbatch cluster must disable it explicitly.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-INTEL-HPC", Severity::Error, "IntelHpcPlatform is only enabled on centos7 (so never since 3.10.0)",
            "ParallelCluster's IntelHpcOsValidator still allows only centos7, which left ParallelCluster in 3.10.0.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-OS", Severity::Error, "The OS suits the scheduler and has an official AMI (or a CustomAmi)",
            "ParallelCluster's SchedulerOsValidator (awsbatch runs on Amazon Linux only) and OsCustomAmiValidator "
            "(rocky8/rocky9 have no official AMI, Image/CustomAmi is required).",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-LOGIN-POOLS", Severity::Error,
            "The number of login node pools fits the version (exactly 1 before 3.11.0, up to 10 since)",
            "ParallelCluster 3.7-3.10 accept exactly one pool (schema Length(equal=1)); 3.11.0 allows up to 10.",
            std::string(kPcDocs) + "LoginNodes-v3.html")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
