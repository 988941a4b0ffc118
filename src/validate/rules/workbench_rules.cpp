// Rules on Posit Workbench's configuration files. Settings the architecture demands
// (load balancing, launcher sessions, Slurm not Local, PostgreSQL, shared storage) are
// family "architecture": errors in a bundle, warnings on single files. Mistakes that break
// Workbench anywhere (ports, cluster names, profiles that fit no node) are "workbench".
#include <string>

#include "validate/rules/workbench_checks.hpp"

namespace pwpc::rules {
namespace {

void check(Context& ctx) {
  check_workbench_rserver(ctx);
  check_workbench_launcher(ctx);
  check_workbench_database(ctx);
  check_workbench_slurm(ctx);
  check_workbench_options(ctx);
}

const std::string kAdmin = "https://docs.posit.co/ide/server-pro/admin/";
const std::string kRef = "reference architecture (posit-workbench-on-aws-parallelcluster.txt), ";

}  // namespace

const Family& workbench_family() {
  static const Family f{
      {
          {"WB-LOAD-BALANCING", "architecture", Severity::Error, "rserver.conf sets load-balancing-enabled=1",
           "Workbench runs on several login nodes behind one load balancer; they share sessions through "
           "PostgreSQL only with load balancing on (2023.09+).",
           kRef + "AMI; " + kAdmin + "load_balancing/configuration.html; FACTS.md §2"},
          {"WB-LAUNCHER-SESSIONS", "architecture", Severity::Error, "rserver.conf sets launcher-sessions-enabled=1",
           "Sessions must run as Slurm jobs on the compute nodes, through the Job Launcher.",
           kRef + "AMI; " + kPositLauncherDoc},
          {"WB-SHARED-STORAGE-PATH", "architecture", Severity::Error,
           "rserver.conf sets server-shared-storage-path, on shared storage with POSIX ACLs (on EFS: warning)",
           "Project sharing and other multi-node features keep their state there; every node must see it, and "
           "project sharing needs POSIX ACLs (FSx for Lustre has them, EFS does not). The reference text's "
           "'server-shared-storage' is not the option's name.",
           kRef + "FSx for Lustre; FACTS.md §2 (rstudio/rstudio SessionProjectSharing.hpp)"},
          {"WB-NO-LOCAL-PLUGIN", "architecture", Severity::Error, "launcher.conf defines no type=Local cluster",
           "With the Local plugin sessions can start on the login nodes, outside Slurm's control.",
           kRef + "AMI; " + kPositLauncherDoc},
          {"WB-SLURM-PLUGIN", "architecture", Severity::Error, "launcher.conf defines a type=Slurm cluster",
           "The architecture runs every session through the Slurm plugin.", kRef + "AMI; " + kPositLauncherDoc},
          {"WB-DATABASE-PROVIDER", "architecture", Severity::Error, "database.conf sets provider=postgresql",
           "Load-balanced nodes share state through PostgreSQL; the default SQLite is local to one node.",
           kRef + "Database; RDS; " + kAdmin + "database/configuration.html"},
          {"WB-LAUNCHER-PORT", "workbench", Severity::Error,
           "rserver.conf's launcher-port equals the port launcher.conf's [server] listens on",
           "rserver reaches the Job Launcher on launcher-port; a mismatch means no session can start.",
           kPositLauncherDoc + std::string("; ") + kAdmin + "reference/launcher_conf.html"},
          {"WB-LAUNCHER-CLUSTER", "workbench", Severity::Error,
           "launcher-default-cluster (and launcher-sessions-clusters, launcher-adhoc-clusters) name clusters "
           "launcher.conf defines",
           "A name launcher.conf does not define leaves users without a cluster to launch on; Posit's own "
           "ParallelCluster scripts shipped this defect.",
           kPositLauncherDoc + std::string("; FACTS.md §2")},
          {"WB-RESOURCE-PROFILE-FIT", "workbench", Severity::Error,
           "Every resource profile (launcher.slurm.resources.conf) fits on some compute node of the cluster",
           "A profile larger than every node stays pending in Slurm forever. Node sizes come from pwpc's "
           "instance catalog (data/instance-catalog.yaml) with ~95% of EC2 memory schedulable; when a queue uses "
           "an instance type outside the catalog, pwpc does not judge.",
           kAdmin + "job_launcher/slurm_plugin.html; FACTS.md §2, §3"},
          {"WB-GPU-TYPES", "workbench", Severity::Warning,
           "launcher.slurm.conf's gpu-types lists exactly the GPU types of the cluster's compute nodes",
           "ParallelCluster names Slurm GPU types after the EC2 GPU (t4, a10g); a listed type no node has "
           "leaves GPU sessions pending, an unlisted one cannot be requested. Posit's own scripts list v100.",
           kAdmin +
               "job_launcher/slurm_plugin.html; aws-parallelcluster-cookbook slurm_parallelcluster_queue_gres.conf"},
          {"WB-UNKNOWN-OPTION", "workbench", Severity::Warning,
           "rserver.conf, launcher.conf and launcher.slurm.conf use known options (did you mean ...?)",
           "A misspelt option is ignored or stops Workbench from starting. Known options come from the admin "
           "guide's reference pages; a name close to a known one is a warning, any other unknown name info.",
           kAdmin + "reference/rserver_conf.html; " + kAdmin + "reference/launcher_conf.html"},
          {"WB-DEPRECATED-OPTION", "workbench", Severity::Warning,
           "No deprecated options (launcher-sessions-forward-container-environment, the old code-server path, ...)",
           "Deprecated options stop working in a later release; 2024.09 deprecated "
           "launcher-sessions-forward-container-environment and replaced code-server with PWB Code Server.",
           "Workbench 2024.09 release notes (rstudio/rstudio NEWS); FACTS.md §2"},
      },
      check};
  return f;
}

}  // namespace pwpc::rules
