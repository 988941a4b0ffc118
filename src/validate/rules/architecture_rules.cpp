// The "architecture" family on ParallelCluster cluster configs: what the reference
// architecture requires of the cluster. Errors inside a rendered bundle, warnings when a
// single config is checked (Context::report does the downgrade).
#include <string>

#include "validate/rules/architecture_checks.hpp"

namespace pwpc::rules {
namespace {

std::string ref(const char* section) { return std::string(kRefText) + ", " + section; }

void check(Context& ctx) {
  for (const auto* f : ctx.yaml_of(FileKind::ClusterConfig)) {
    if (!f->doc.root->is_map()) continue;  // PC-SCHEMA reports a config that is not a mapping
    check_architecture_cluster(ctx, *f);
    check_architecture_storage(ctx, *f);
  }
}

}  // namespace

const Family& architecture_family() {
  static const Family f{
      {
          {"ARCH-PC-VERSION", "architecture", Severity::Error, "The target ParallelCluster version is 3.8.0 or later",
           "The reference architecture names 3.8.0 as the minimum: HeadNode/SharedStorageType and shared storage "
           "at /home arrived with it. Checked when --parallelcluster-version is given.",
           ref("Architectural overview") + "; FACTS.md §3"},
          {"ARCH-SLURM-SCHEDULER", "architecture", Severity::Error, "The cluster's scheduler is Slurm",
           "Workbench's Slurm Launcher plugin starts sessions as Slurm jobs; AWS Batch cannot run them.",
           ref("AWS ParallelCluster")},
          {"ARCH-LOGIN-NODES", "architecture", Severity::Error,
           "Login nodes exist: at least 2, and at least the tested count for the expected peak sessions",
           "Workbench runs on the login nodes, load-balanced; two keep it available when one fails. With the "
           "peak sessions known (--profile, bundle) the count must reach the tested table "
           "(500 -> 2, 1000 -> 4, 2000 -> 6, 5000 -> 6).",
           ref("Sizing and performance > Login and head nodes; Resiliency and availability")},
          {"ARCH-SLURM-ACCOUNTING", "architecture", Severity::Error,
           "Slurm accounting is configured (Scheduling/SlurmSettings/Database)",
           "The architecture keeps Slurm job accounting in a MySQL RDS instance named in the Scheduling section "
           "(ExternalSlurmdbd, 3.10.0+, is accepted too).",
           ref("AMI; RDS") + "; "
                             "https://docs.aws.amazon.com/parallelcluster/latest/ug/"
                             "Scheduling-v3.html#Scheduling-v3-SlurmSettings-Database"},
          {"ARCH-CUSTOM-AMI", "architecture", Severity::Error, "The cluster uses a custom AMI (Image/CustomAmi)",
           "The AMI must carry Workbench, R, Python and the systemd drop-ins that set RSTUDIO_CONFIG_DIR; the "
           "reference architecture recommends building a custom AMI for that.",
           ref("AMI")},
          {"ARCH-DIRECTORY-SERVICE", "architecture", Severity::Error,
           "Users come from a directory (DirectoryService section)",
           "Workbench authenticates through PAM against the cluster's directory, so users and UIDs are the same "
           "on every login and compute node.",
           ref("User authentication")},
          {"ARCH-HEADNODE-EFS", "architecture", Severity::Error, "HeadNode/SharedStorageType is Efs",
           "With Efs, ParallelCluster moves /opt/slurm, /opt/parallelcluster/shared and /opt/intel off the head "
           "node's NFS export onto EFS.",
           ref("EFS") + "; https://docs.aws.amazon.com/parallelcluster/latest/ug/HeadNode-v3.html"},
          {"ARCH-CONFIG-EFS", "architecture", Severity::Error,
           "A separate EFS file system is mounted at /opt/rstudio for the Workbench configuration",
           "All Workbench nodes read one configuration; the drop-ins point RSTUDIO_CONFIG_DIR at /opt/rstudio.",
           ref("EFS")},
          {"ARCH-HOME-FSX", "architecture", Severity::Error,
           "/home is an FSx for Lustre file system (EFS or OpenZFS at /home: warning)",
           "Home directories and Workbench's shared storage need a fast file system with POSIX ACLs; the "
           "reference architecture recommends FSx for Lustre and advises against EFS for /home.",
           ref("Storage; FSx for Lustre") + "; FACTS.md §2"},
      },
      check};
  return f;
}

}  // namespace pwpc::rules
