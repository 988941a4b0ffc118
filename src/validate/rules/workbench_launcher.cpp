// launcher.conf, alone and together with rserver.conf: Slurm plugin on, Local plugin off,
// the port rserver dials is the one the launcher listens on, cluster names exist.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "pwpc/schema.hpp"
#include "validate/rules/workbench_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {
namespace {

constexpr long long kDefaultLauncherPort = 5559;  // launcher.conf reference: port, default 5559

std::string cluster_type(const ini::Section& s) {
  const ini::Entry* t = s.find("type");
  return t ? lower(unquote(t->value)) : std::string();
}

void check_plugins(Context& ctx, const IniFile& f) {
  bool slurm = false;
  for (const auto* s : f.ini.sections_named("cluster")) {
    const std::string type = cluster_type(*s);
    if (type == "slurm") slurm = true;
    if (type == "local") {
      const ini::Entry* t = s->find("type");
      ctx.report("WB-NO-LOCAL-PLUGIN", f.source->path, t->value_mark,
                 "launcher.conf defines a Local cluster: sessions could start on the login nodes themselves",
                 "remove this [cluster] section; in this architecture every session is a Slurm job", "cluster/type");
    }
  }
  if (slurm) return;
  const ini::Section* server = f.ini.section("server");
  ctx.report("WB-SLURM-PLUGIN", f.source->path, server ? server->mark : doc::Mark{1, 1},
             "launcher.conf defines no cluster with type=Slurm",
             "add a [cluster] section with name=Slurm and type=Slurm (and config-file for launcher.slurm.conf)");
}

// rserver.conf's launcher-port against launcher.conf's [server] port.
void check_port(Context& ctx, const IniFile& r, const IniFile& l) {
  const ini::Entry* addr = top_level(r.ini, "launcher-address");
  if (addr && unquote(addr->value).starts_with("/")) return;  // a Unix socket has no port
  const ini::Section* server = l.ini.section("server");
  const ini::Entry* lp = server ? server->find("port") : nullptr;
  std::optional<long long> listen = lp ? ini_int(lp->value) : std::optional<long long>(kDefaultLauncherPort);
  if (!listen) return;  // not a number: nothing to compare
  std::string where =
      lp ? fmt::format("{}:{}", l.source->path, lp->key_mark.line) : fmt::format("{} (default)", l.source->path);
  const ini::Entry* rp = top_level(r.ini, "launcher-port");
  if (!rp) {
    ctx.report("WB-LAUNCHER-PORT", r.source->path, doc::Mark{1, 1},
               fmt::format("launcher-port is not set; the launcher listens on {} ({})", *listen, where),
               fmt::format("add launcher-port={} (required when launcher-address is a host, not a socket)", *listen),
               "launcher-port");
    return;
  }
  auto dial = ini_int(rp->value);
  if (dial == listen) return;
  ctx.report("WB-LAUNCHER-PORT", r.source->path, rp->value_mark,
             fmt::format("launcher-port={} but the launcher listens on {} ({})", rp->value, *listen, where),
             fmt::format("set launcher-port={} or change port in launcher.conf's [server] section", *listen),
             "launcher-port");
}

// launcher-default-cluster, launcher-sessions-clusters and launcher-adhoc-clusters name
// [cluster] sections of launcher.conf.
void check_cluster_names(Context& ctx, const IniFile& r, const IniFile& l) {
  std::vector<std::string> names;
  for (const auto* s : l.ini.sections_named("cluster")) {
    if (const ini::Entry* n = s->find("name")) names.push_back(unquote(n->value));
  }
  std::string defined;
  for (const auto& n : names) {
    if (defined.size() > 200) {  // quoted in every message: a few names, not thousands
      defined += ", ...";
      break;
    }
    defined += (defined.empty() ? "" : ", ") + n;
  }
  const std::set<std::string> defined_names(names.begin(), names.end());
  for (const char* key : {"launcher-default-cluster", "launcher-sessions-clusters", "launcher-adhoc-clusters"}) {
    const ini::Entry* e = top_level(r.ini, key);
    if (!e) continue;
    std::size_t from = 0;  // items are in order: each is searched for after the last one
    for (const auto& item : split_list(e->value)) {
      auto off = e->value.find(item, from);
      if (off != std::string::npos) from = off + item.size();
      if (defined_names.count(item)) continue;
      doc::Mark at = e->value_mark;
      if (off != std::string::npos) at.col += static_cast<int>(off);
      std::string guess =
          ctx.saturated("WB-LAUNCHER-CLUSTER", r.source->path) ? std::string() : schema::closest_match(item, names);
      ctx.report("WB-LAUNCHER-CLUSTER", r.source->path, at,
                 fmt::format("{} names cluster '{}', which {} does not define ({})", key, item, l.source->path,
                             names.empty() ? std::string("it defines no cluster") : "clusters: " + defined),
                 guess.empty() ? "use the name= of a [cluster] section in launcher.conf"
                               : fmt::format("did you mean '{}'?", guess),
                 key);
    }
  }
}

}  // namespace

void check_workbench_launcher(Context& ctx) {
  auto launchers = ctx.ini_of(FileKind::LauncherConf);
  for (const auto* l : launchers) check_plugins(ctx, *l);
  for (const auto* r : ctx.ini_of(FileKind::RServerConf)) {
    for (const auto* l : launchers) {
      check_port(ctx, *r, *l);
      check_cluster_names(ctx, *r, *l);
    }
  }
}

}  // namespace pwpc::rules
