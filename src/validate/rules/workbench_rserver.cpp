// rserver.conf settings the architecture needs: load balancing, launcher sessions, and a
// server-shared-storage-path on the shared home file system.
#include <fmt/format.h>

#include "validate/rules/architecture_cluster_view.hpp"
#include "validate/rules/workbench_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {
namespace {

void require_enabled(Context& ctx, const IniFile& f, const char* key, const char* rule, const std::string& why) {
  const ini::Entry* e = top_level(f.ini, key);
  if (e && ini_bool(e->value).value_or(false)) return;
  if (!e) {
    ctx.report(rule, f.source->path, doc::Mark{1, 1}, fmt::format("{} is not set (default 0): {}", key, why),
               fmt::format("add {}=1", key), key);
  } else {
    ctx.report(rule, f.source->path, e->value_mark, fmt::format("{}={}: {}", key, e->value, why),
               fmt::format("set {}=1", key), key);
  }
}

void check_shared_storage(Context& ctx, const IniFile& f) {
  const char* key = "server-shared-storage-path";
  const ini::Entry* e = top_level(f.ini, key);
  if (!e || unquote(e->value).empty()) {
    const ini::Entry* typo = top_level(f.ini, "server-shared-storage");
    doc::Mark at = typo ? typo->key_mark : e ? e->key_mark : doc::Mark{1, 1};
    std::string msg = typo ? "server-shared-storage is not a Workbench option (the reference architecture's text "
                             "spells it so), so no shared storage path is set"
                           : "server-shared-storage-path is not set";
    ctx.report("WB-SHARED-STORAGE-PATH", f.source->path, at, msg,
               "set server-shared-storage-path=/home/rstudio/shared-storage: on the FSx for Lustre home file "
               "system, world-writable with the sticky bit; project sharing needs its POSIX ACLs",
               key);
    return;
  }
  std::string path = unquote(e->value);
  if (!path.starts_with("/")) {
    ctx.report("WB-SHARED-STORAGE-PATH", f.source->path, e->value_mark,
               fmt::format("server-shared-storage-path '{}' is not an absolute path", path),
               "give the absolute path of a directory on the shared home file system", key);
    return;
  }
  for (const auto* c : ctx.yaml_of(FileKind::ClusterConfig)) {
    if (!c->doc.root->is_map()) continue;
    ClusterView v = view_cluster(*c->doc.root);
    const StorageView* s = v.containing(path);
    if (!s) {
      // ParallelCluster always shares /home (from the head node or its EFS); ARCH-HOME-FSX judges that.
      if (path_within(normalise_dir(path), "/home")) continue;
      ctx.report("WB-SHARED-STORAGE-PATH", f.source->path, e->value_mark,
                 fmt::format("server-shared-storage-path '{}' is on no SharedStorage of {}; every Workbench node "
                             "must see the same directory",
                             path, c->source->path),
                 "put it under the FSx for Lustre mount, e.g. /home/rstudio/shared-storage", key);
    } else if (s->type == "Efs") {
      ctx.report("WB-SHARED-STORAGE-PATH", Severity::Warning, f.source->path, e->value_mark,
                 fmt::format("server-shared-storage-path '{}' is on the EFS file system '{}' ({}), which has no "
                             "POSIX ACLs: project sharing will not work",
                             path, s->name, s->mount_dir),
                 "put it on the FSx for Lustre home file system, e.g. /home/rstudio/shared-storage", key);
    }
  }
}

}  // namespace

void check_workbench_rserver(Context& ctx) {
  for (const auto* f : ctx.ini_of(FileKind::RServerConf)) {
    require_enabled(ctx, *f, "load-balancing-enabled", "WB-LOAD-BALANCING",
                    "the login nodes do not share sessions through the PostgreSQL database");
    require_enabled(ctx, *f, "launcher-sessions-enabled", "WB-LAUNCHER-SESSIONS",
                    "sessions run on the login node instead of as Slurm jobs on the compute nodes");
    check_shared_storage(ctx, *f);
  }
}

}  // namespace pwpc::rules
