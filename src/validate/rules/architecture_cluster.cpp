// Architecture rules on the cluster as a whole: ParallelCluster version, scheduler, login
// nodes, Slurm accounting, custom AMI, directory service.
#include <fmt/format.h>

#include <algorithm>

#include "pwpc/sizing.hpp"
#include "validate/rules/architecture_checks.hpp"
#include "validate/rules/architecture_cluster_view.hpp"

namespace pwpc::rules {
namespace {

const Version kMinimumVersion{3, 8, 0};

void check_version(Context& ctx, const YamlFile& f) {
  const auto& v = ctx.options().parallelcluster_version;
  if (!v || *v >= kMinimumVersion) return;
  ctx.report("ARCH-PC-VERSION", f.source->path, f.doc.root->mark,
             fmt::format("the cluster targets ParallelCluster {}; this architecture needs {} or later", v->str(),
                         kMinimumVersion.str()),
             "HeadNode/SharedStorageType: Efs and shared storage at /home arrived in ParallelCluster 3.8.0; "
             "deploy with pcluster 3.8.0 or newer (--parallelcluster-version)");
}

// Returns false when the scheduler is not Slurm (the Slurm rules then say nothing).
bool check_scheduler(Context& ctx, const YamlFile& f) {
  const doc::Entry* sched = f.doc.root->entry("Scheduling");
  if (!sched) return false;  // PC-SCHEMA reports the missing section
  const doc::Node* s = sched->value->get("Scheduler");
  if (!s || !s->is_scalar()) return false;
  if (s->scalar == "slurm") return true;
  ctx.report(
      "ARCH-SLURM-SCHEDULER", f.source->path, s->mark,
      fmt::format("Scheduler is '{}'; Workbench on ParallelCluster launches its sessions as Slurm jobs", s->scalar),
      "set Scheduling/Scheduler: slurm", "Scheduling/Scheduler");
  return false;
}

void check_accounting(Context& ctx, const YamlFile& f) {
  const doc::Entry* sched = f.doc.root->entry("Scheduling");
  const doc::Entry* settings = sched->value->entry("SlurmSettings");
  if (settings && (settings->value->get("Database") || settings->value->get("ExternalSlurmdbd"))) return;
  doc::Mark at = settings ? settings->key_mark : sched->key_mark;
  ctx.report("ARCH-SLURM-ACCOUNTING", f.source->path, at,
             "Slurm accounting is not configured (no Scheduling/SlurmSettings/Database)",
             "add SlurmSettings/Database with Uri (host:3306), UserName and PasswordSecretArn of the MySQL RDS "
             "instance for Slurm accounting",
             settings ? "Scheduling/SlurmSettings" : "Scheduling");
}

void check_login_nodes(Context& ctx, const YamlFile& f) {
  const doc::Node& root = *f.doc.root;
  std::optional<long long> sessions = ctx.options().sessions;
  int tested = 0;
  Reason why;
  if (sessions) tested = login_node_count(*sessions, &why);
  const int need = std::max(2, tested);
  std::string need_text = tested > 2 ? fmt::format("{} for {} peak sessions ({})", need, *sessions, why.text)
                                     : std::string("at least 2, so that Workbench stays up when one fails");

  const doc::Entry* ln = root.entry("LoginNodes");
  if (!ln) {
    ctx.report("ARCH-LOGIN-NODES", f.source->path, root.mark,
               "the cluster has no LoginNodes; Workbench runs on the login nodes, load-balanced",
               fmt::format("add LoginNodes/Pools with a Count of {}", need_text));
    return;
  }
  const doc::Node* pools = ln->value->get("Pools");
  if (!pools || !pools->is_seq() || pools->items.empty()) {
    ctx.report("ARCH-LOGIN-NODES", f.source->path, ln->key_mark, "LoginNodes defines no pool",
               fmt::format("add a pool under LoginNodes/Pools with a Count of {}", need_text), "LoginNodes");
    return;
  }
  long long total = 0;
  for (const auto& p : pools->items) {
    const doc::Node* c = p->get("Count");
    if (!c) return;  // PC-SCHEMA reports the missing Count
    auto n = c->as_int();
    if (!n) return;
    total += *n;
  }
  if (total >= need) return;
  const doc::Entry* count = pools->items.size() == 1 ? pools->items[0]->entry("Count") : nullptr;
  doc::Mark at = count ? count->value->mark : pools->mark;
  ctx.report(
      "ARCH-LOGIN-NODES", f.source->path, at,
      fmt::format("{} login node{} in total; the architecture needs {}", total, total == 1 ? "" : "s", need_text),
      tested > 2 ? "raise Count: the reference architecture tested this many login nodes for this load"
                 : "raise Count to 2 or more: two login nodes behind the load balancer keep Workbench "
                   "available when one fails",
      count ? "LoginNodes/Pools[0]/Count" : "LoginNodes/Pools");
}

void check_ami(Context& ctx, const YamlFile& f) {
  const doc::Entry* image = f.doc.root->entry("Image");
  if (!image || image->value->get("CustomAmi")) return;  // a missing Image is PC-SCHEMA's
  ctx.report("ARCH-CUSTOM-AMI", f.source->path, image->key_mark, "Image/CustomAmi is not set",
             "build an AMI with Workbench, R, Python and the rstudio-server/rstudio-launcher drop-ins "
             "(pcluster build-image) and set Image/CustomAmi",
             "Image");
}

void check_directory(Context& ctx, const YamlFile& f) {
  if (f.doc.root->get("DirectoryService")) return;
  ctx.report("ARCH-DIRECTORY-SERVICE", f.source->path, f.doc.root->mark,
             "the cluster has no DirectoryService; Workbench authenticates users through PAM against it",
             "add DirectoryService (DomainName, DomainAddr ldaps://..., PasswordSecretArn, DomainReadOnlyUser)");
}

}  // namespace

void check_architecture_cluster(Context& ctx, const YamlFile& f) {
  check_version(ctx, f);
  check_login_nodes(ctx, f);
  check_ami(ctx, f);
  check_directory(ctx, f);
  if (check_scheduler(ctx, f)) check_accounting(ctx, f);
}

}  // namespace pwpc::rules
