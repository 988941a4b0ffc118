// Architecture rules on storage: the head node's shared directories on EFS, a separate
// EFS at /opt/rstudio for the Workbench configuration, FSx for Lustre at /home.
#include <fmt/format.h>

#include "validate/rules/architecture_checks.hpp"
#include "validate/rules/architecture_cluster_view.hpp"

namespace pwpc::rules {
namespace {

void check_head_node_storage(Context& ctx, const YamlFile& f) {
  const doc::Entry* hn = f.doc.root->entry("HeadNode");
  if (!hn) return;  // PC-SCHEMA reports the missing section
  const doc::Node* t = hn->value->get("SharedStorageType");
  if (t && t->is_scalar() && t->scalar == "Efs") return;
  std::string msg = t ? fmt::format("HeadNode/SharedStorageType is '{}'", scalar_of(t))
                      : std::string("HeadNode/SharedStorageType is not set (default Ebs)");
  ctx.report("ARCH-HEADNODE-EFS", f.source->path, t ? t->mark : hn->key_mark,
             msg + "; the head node then NFS-exports /opt/slurm, /opt/parallelcluster/shared and /opt/intel itself",
             "set HeadNode/SharedStorageType: Efs so that ParallelCluster moves those directories to EFS",
             t ? "HeadNode/SharedStorageType" : "HeadNode");
}

doc::Mark storage_anchor(const YamlFile& f) {
  const doc::Entry* ss = f.doc.root->entry("SharedStorage");
  return ss ? ss->key_mark : f.doc.root->mark;
}

void check_config_efs(Context& ctx, const YamlFile& f, const ClusterView& v) {
  const StorageView* s = v.mounted_at("/opt/rstudio");
  if (s && s->type == "Efs") return;
  if (s) {
    ctx.report("ARCH-CONFIG-EFS", f.source->path, s->type_mark,
               fmt::format("/opt/rstudio is mounted from {} storage '{}'", s->type, s->name),
               "give the Workbench configuration its own EFS file system (StorageType: Efs, MountDir: /opt/rstudio)");
    return;
  }
  ctx.report("ARCH-CONFIG-EFS", f.source->path, storage_anchor(f),
             "no EFS file system is mounted at /opt/rstudio for the Workbench configuration",
             "add a SharedStorage entry with StorageType: Efs and MountDir: /opt/rstudio; the "
             "rstudio-server and rstudio-launcher drop-ins point RSTUDIO_CONFIG_DIR there",
             "SharedStorage");
}

void check_home(Context& ctx, const YamlFile& f, const ClusterView& v) {
  const StorageView* s = v.mounted_at("/home");
  if (s && s->type == "FsxLustre") return;
  const std::string fix = "mount an FSx for Lustre file system (StorageType: FsxLustre) at /home";
  if (s && s->type == "Efs") {
    ctx.report("ARCH-HOME-FSX", Severity::Warning, f.source->path, s->type_mark,
               "EFS at /home is not recommended for this architecture: it is slower for home directories and has "
               "no POSIX ACLs for Workbench project sharing",
               fix);
    return;
  }
  if (s && s->type == "FsxOpenZfs") {
    ctx.report("ARCH-HOME-FSX", Severity::Warning, f.source->path, s->type_mark,
               "FSx for OpenZFS at /home performs well but costs more than FSx for Lustre, which the reference "
               "architecture recommends",
               fix);
    return;
  }
  if (s) {
    ctx.report("ARCH-HOME-FSX", f.source->path, s->type_mark,
               fmt::format("/home is mounted from {} storage '{}'; home directories belong on FSx for Lustre", s->type,
                           s->name),
               fix);
    return;
  }
  ctx.report("ARCH-HOME-FSX", f.source->path, storage_anchor(f),
             "no shared storage is mounted at /home; home directories would stay on the head node's shared storage",
             fix + " (an existing file system, FileSystemId, keeps home directories independent of the cluster)",
             "SharedStorage");
}

}  // namespace

void check_architecture_storage(Context& ctx, const YamlFile& f) {
  check_head_node_storage(ctx, f);
  ClusterView v = view_cluster(*f.doc.root);
  check_config_efs(ctx, f, v);
  check_home(ctx, f, v);
}

}  // namespace pwpc::rules
