// The "systemd" family: the drop-ins that point rstudio-server and rstudio-launcher at the
// shared configuration (Environment="RSTUDIO_CONFIG_DIR=/opt/rstudio").
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "validate/rule_context.hpp"
#include "validate/rules/architecture_cluster_view.hpp"

namespace pwpc::rules {
namespace {

constexpr const char* kConfigRoot = "/opt/rstudio";
const char* const kServices[] = {"rstudio-server", "rstudio-launcher"};

// "x/rstudio-server.service.d/override.conf" -> "rstudio-server"; "" when not in a .service.d dir.
std::string service_of(const std::string& path) {
  std::string dir = std::filesystem::path(path).parent_path().filename().string();
  const std::string suffix = ".service.d";
  if (!dir.ends_with(suffix)) return {};
  dir.resize(dir.size() - suffix.size());
  if (dir.ends_with(".service")) dir.resize(dir.size() - 8);
  return dir;
}

// systemd's Environment= value: assignments separated by spaces, each optionally quoted.
std::vector<std::pair<std::string, std::size_t>> assignments(const std::string& v) {
  std::vector<std::pair<std::string, std::size_t>> out;
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    if (i >= v.size()) break;
    std::size_t start = i;
    std::string word;
    char quote = 0;
    for (; i < v.size(); ++i) {
      char c = v[i];
      if (quote) {
        if (c == quote)
          quote = 0;
        else
          word.push_back(c);
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ' ' || c == '\t') {
        break;
      } else {
        word.push_back(c);
      }
    }
    out.emplace_back(word, start);
  }
  return out;
}

struct ConfigDir {
  const IniFile* file = nullptr;
  std::string value;
  doc::Mark mark;
};

// The RSTUDIO_CONFIG_DIR a drop-in sets in [Service] (the last assignment wins).
std::optional<ConfigDir> config_dir(const IniFile& f) {
  std::optional<ConfigDir> found;
  for (const auto& s : f.ini.sections) {
    if (s.name != "Service") continue;
    for (const auto& e : s.entries) {
      if (e.key != "Environment") continue;
      if (e.value.empty()) found.reset();  // an empty Environment= clears the list
      for (const auto& [word, off] : assignments(e.value)) {
        const std::string prefix = "RSTUDIO_CONFIG_DIR=";
        if (!word.starts_with(prefix)) continue;
        doc::Mark m = e.value_mark;
        m.col += static_cast<int>(off);
        found = ConfigDir{&f, word.substr(prefix.size()), m};
      }
    }
  }
  return found;
}

void check_service(Context& ctx, const std::string& service, const std::vector<const IniFile*>& files,
                   std::map<std::string, ConfigDir>& dirs) {
  std::optional<ConfigDir> dir;
  for (const auto* f : files) {
    if (auto d = config_dir(*f)) dir = d;  // files apply in name order; a later one wins
  }
  if (!dir) {
    const IniFile& f = *files.front();
    const ini::Section* svc = f.ini.section("Service");
    ctx.report("SD-CONFIG-DIR", f.source->path, svc ? svc->mark : doc::Mark{1, 1},
               fmt::format("the {} drop-in does not set RSTUDIO_CONFIG_DIR in [Service]",
                           service.empty() ? "systemd" : service),
               fmt::format("add [Service] and Environment=\"RSTUDIO_CONFIG_DIR={}\"", kConfigRoot));
    return;
  }
  std::string value = dir->value.empty() ? std::string() : normalise_dir(dir->value);
  if (dir->value.empty() || !path_within(value, kConfigRoot)) {
    ctx.report("SD-CONFIG-DIR", dir->file->source->path, dir->mark,
               fmt::format("RSTUDIO_CONFIG_DIR is '{}'; the shared Workbench configuration lives on the EFS at {}",
                           dir->value, kConfigRoot),
               fmt::format("set Environment=\"RSTUDIO_CONFIG_DIR={}\" (or a directory below it)", kConfigRoot));
    return;
  }
  if (!service.empty()) dirs[service] = *dir;
}

void check_systemd(Context& ctx) {
  std::map<std::string, std::vector<const IniFile*>> by_service;
  for (const auto* f : ctx.ini_of(FileKind::SystemdDropIn)) by_service[service_of(f->source->path)].push_back(f);
  std::map<std::string, ConfigDir> dirs;
  for (auto& [service, files] : by_service) {
    bool ours =
        service.empty() || std::find(std::begin(kServices), std::end(kServices), service) != std::end(kServices);
    if (!ours) continue;
    std::sort(files.begin(), files.end(), [](const IniFile* a, const IniFile* b) {
      return std::filesystem::path(a->source->path).filename() < std::filesystem::path(b->source->path).filename();
    });
    check_service(ctx, service, files, dirs);
  }
  if (dirs.count("rstudio-server") && dirs.count("rstudio-launcher") &&
      normalise_dir(dirs["rstudio-server"].value) != normalise_dir(dirs["rstudio-launcher"].value)) {
    const ConfigDir& l = dirs["rstudio-launcher"];
    ctx.report("SD-CONFIG-DIR", l.file->source->path, l.mark,
               fmt::format("rstudio-launcher reads its configuration from '{}' but rstudio-server from '{}' ({})",
                           l.value, dirs["rstudio-server"].value, dirs["rstudio-server"].file->source->path),
               "point both services at the same RSTUDIO_CONFIG_DIR");
  }
  if (!ctx.options().bundle) return;
  // In a bundle both services need their drop-in once one is there, or once the bundle is
  // a whole deployment (a cluster config and rserver.conf). A directory of Workbench files
  // alone (/etc/rstudio) is not expected to carry systemd units.
  const IniFile* anchor = nullptr;
  for (const auto* f : ctx.ini_of(FileKind::SystemdDropIn)) {
    if (!anchor) anchor = f;
  }
  auto rservers = ctx.ini_of(FileKind::RServerConf);
  if (!anchor && !rservers.empty() && !ctx.yaml_of(FileKind::ClusterConfig).empty()) anchor = rservers.front();
  if (!anchor) return;
  for (const char* service : kServices) {
    if (by_service.count(service)) continue;
    ctx.report("SD-BOTH-SERVICES", anchor->source->path, doc::Mark{1, 1},
               fmt::format("the bundle has no drop-in for {}.service", service),
               fmt::format("add {}.service.d/override.conf with [Service] and "
                           "Environment=\"RSTUDIO_CONFIG_DIR={}\"; both services must read the shared configuration",
                           service, kConfigRoot));
  }
}

}  // namespace

const Family& systemd_family() {
  static const std::string src =
      "https://docs.posit.co/ide/server-pro/admin/server_management/core_administrative_tasks.html "
      "(Alternate configuration file location); reference architecture, AMI; FACTS.md §2";
  static const Family f{
      {
          {"SD-CONFIG-DIR", "systemd", Severity::Error,
           "The rstudio-server and rstudio-launcher drop-ins set RSTUDIO_CONFIG_DIR to the shared /opt/rstudio",
           "Every Workbench node must read the one configuration on the Workbench EFS; a drop-in without it, or "
           "pointing elsewhere, makes a node run with its local /etc/rstudio.",
           src},
          {"SD-BOTH-SERVICES", "systemd", Severity::Error,
           "A bundle carries drop-ins for both rstudio-server and rstudio-launcher",
           "The launcher reads launcher.conf from RSTUDIO_CONFIG_DIR too; Posit's own ParallelCluster scripts "
           "override both services.",
           src},
      },
      check_systemd};
  return f;
}

}  // namespace pwpc::rules
