// WB-UNKNOWN-OPTION: options pwpc does not know in rserver.conf, launcher.conf and
// launcher.slurm.conf, with "did you mean". WB-DEPRECATED-OPTION: options Workbench has
// deprecated, and VS Code sessions still pointing at the code-server that PWB Code Server
// replaced in 2024.09.
#include <fmt/format.h>

#include <algorithm>

#include "pwpc/schema.hpp"
#include "validate/rules/workbench_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {
namespace {

constexpr const char* kPwbCodeServer = "/usr/lib/rstudio-server/bin/pwb-code-server/bin/code-server";

bool known(const std::vector<std::string>& list, const std::string& key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

void report_unknown_key(Context& ctx, const IniFile& f, const ini::Entry& e, const std::vector<std::string>& list) {
  // Past the cap only the count is kept: no "did you mean" for a file of 500,000 unknown
  // options (it took 43 s).
  std::string guess =
      ctx.saturated("WB-UNKNOWN-OPTION", f.source->path) ? std::string() : schema::closest_match(e.key, list);
  std::string note = e.key == "server-shared-storage"
                         ? " (the reference architecture's text uses this name; Workbench's option is "
                           "server-shared-storage-path)"
                         : std::string();
  if (guess.empty()) {
    ctx.report("WB-UNKNOWN-OPTION", Severity::Info, f.source->path, e.key_mark,
               fmt::format("'{}' is not an option pwpc knows for {}", e.key, to_string(f.kind)),
               "check the spelling against the Posit Workbench admin guide; pwpc's list may lag behind new releases",
               e.key);
    return;
  }
  ctx.report("WB-UNKNOWN-OPTION", Severity::Warning, f.source->path, e.key_mark,
             fmt::format("unknown option '{}'{}", e.key, note), fmt::format("did you mean '{}'?", guess), e.key);
}

void check_unknown(Context& ctx, const IniFile& f) {
  for (const auto& s : f.ini.sections) {
    if (s.name.empty() && s.entries.empty()) continue;
    const auto& list = known_options(f.kind, s.name);
    if (list.empty()) {
      // A section (or, in launcher.conf, keys outside any section) where Workbench expects none.
      std::string where = s.name.empty() ? "outside [server] and [cluster]" : "[" + s.name + "]";
      doc::Mark at = s.name.empty() ? s.entries.front().key_mark : s.mark;
      std::string guess = f.kind == FileKind::LauncherConf && !s.name.empty()
                              ? schema::closest_match(s.name, {"server", "cluster"})
                              : std::string();
      ctx.report("WB-UNKNOWN-OPTION", Severity::Warning, f.source->path, at,
                 fmt::format("{} has settings {}, where Workbench reads none", to_string(f.kind), where),
                 guess.empty() ? (f.kind == FileKind::LauncherConf ? "launcher.conf has one [server] and one [cluster] "
                                                                     "section per cluster"
                                                                   : "this file has no sections; remove the header")
                               : fmt::format("did you mean [{}]?", guess));
      continue;
    }
    for (const auto& e : s.entries) {
      if (!known(list, e.key)) report_unknown_key(ctx, f, e, list);
    }
  }
}

void check_deprecated(Context& ctx, const IniFile& f) {
  for (const auto& d : deprecated_rserver_options()) {
    for (const auto* e : f.ini.sections.front().find_all(d.key)) {
      ctx.report("WB-DEPRECATED-OPTION", f.source->path, e->key_mark,
                 d.since.empty() ? fmt::format("{} is deprecated", d.key)
                                 : fmt::format("{} is deprecated since Workbench {}", d.key, d.since),
                 d.advice, d.key);
    }
  }
}

void check_code_server(Context& ctx, const IniFile& f) {
  const ini::Entry* exe = top_level(f.ini, "exe");
  if (!exe) return;
  std::string path = unquote(exe->value);
  if (path.find("code-server") == std::string::npos || path.find("pwb-code-server") != std::string::npos) return;
  ctx.report("WB-DEPRECATED-OPTION", f.source->path, exe->value_mark,
             fmt::format("exe={} is the code-server that Workbench 2024.09 replaced with PWB Code Server", path),
             fmt::format("set exe={}", kPwbCodeServer), "exe");
}

}  // namespace

void check_workbench_options(Context& ctx) {
  for (FileKind k : {FileKind::RServerConf, FileKind::LauncherConf, FileKind::LauncherSlurmConf}) {
    for (const auto* f : ctx.ini_of(k)) check_unknown(ctx, *f);
  }
  for (const auto* f : ctx.ini_of(FileKind::RServerConf)) check_deprecated(ctx, *f);
  for (const auto* f : ctx.ini_of(FileKind::VscodeConf)) check_code_server(ctx, *f);
}

}  // namespace pwpc::rules
