// Recognising what a file is, from its name first and its top-level keys second.
#include <array>
#include <filesystem>
#include <utility>

#include "pwpc/validate.hpp"

namespace pwpc {
namespace {

constexpr std::array<std::pair<std::string_view, FileKind>, 17> kNames{{
    {"unknown", FileKind::Unknown},
    {"cluster", FileKind::ClusterConfig},
    {"image", FileKind::ImageConfig},
    {"profile", FileKind::Profile},
    {"cloudformation", FileKind::CloudFormation},
    {"rserver", FileKind::RServerConf},
    {"launcher", FileKind::LauncherConf},
    {"launcher-slurm", FileKind::LauncherSlurmConf},
    {"launcher-slurm-resources", FileKind::LauncherSlurmResources},
    {"launcher-slurm-profiles", FileKind::LauncherSlurmProfiles},
    {"database", FileKind::DatabaseConf},
    {"load-balancer", FileKind::LoadBalancer},
    {"jupyter", FileKind::JupyterConf},
    {"vscode", FileKind::VscodeConf},
    {"positron", FileKind::PositronConf},
    {"logging", FileKind::LoggingConf},
    {"systemd-dropin", FileKind::SystemdDropIn},
}};

// True when `key:` starts a line at column 1 (a top-level key of a YAML document), or
// "key" appears as a top-level JSON key.
bool has_top_level_key(std::string_view text, std::string_view key) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (line.starts_with(key) && line.substr(key.size()).starts_with(":")) return true;
    if (line.starts_with("  \"") && line.substr(3).starts_with(key) && line.substr(3 + key.size()).starts_with("\":")) {
      return true;
    }
    pos = end + 1;
  }
  return false;
}

}  // namespace

std::string_view to_string(FileKind k) {
  for (const auto& [name, kind] : kNames) {
    if (kind == k) return name;
  }
  return "unknown";
}

std::optional<FileKind> parse_file_kind(std::string_view name) {
  for (const auto& [n, kind] : kNames) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

FileKind detect_kind(const std::string& path, std::string_view text) {
  std::filesystem::path p(path);
  std::string base = p.filename().string();
  std::string parent = p.parent_path().filename().string();
  if (parent.ends_with(".service.d") && base.ends_with(".conf")) return FileKind::SystemdDropIn;
  static const std::array<std::pair<std::string_view, FileKind>, 11> by_name{{
      {"rserver.conf", FileKind::RServerConf},
      {"launcher.conf", FileKind::LauncherConf},
      {"launcher.slurm.conf", FileKind::LauncherSlurmConf},
      {"launcher.slurm.resources.conf", FileKind::LauncherSlurmResources},
      {"launcher.slurm.profiles.conf", FileKind::LauncherSlurmProfiles},
      {"database.conf", FileKind::DatabaseConf},
      {"load-balancer", FileKind::LoadBalancer},
      {"jupyter.conf", FileKind::JupyterConf},
      {"vscode.conf", FileKind::VscodeConf},
      {"positron.conf", FileKind::PositronConf},
      {"logging.conf", FileKind::LoggingConf},
  }};
  for (const auto& [name, kind] : by_name) {
    if (base == name) return kind;
  }
  std::string ext = p.extension().string();
  bool yamlish = ext == ".yaml" || ext == ".yml" || ext == ".json" || ext == ".template" || ext.empty();
  if (!yamlish) return FileKind::Unknown;
  if (has_top_level_key(text, "apiVersion") && text.find("pwpc/v1") != std::string_view::npos) return FileKind::Profile;
  if (has_top_level_key(text, "AWSTemplateFormatVersion") ||
      (has_top_level_key(text, "Resources") && text.find("AWS::") != std::string_view::npos)) {
    return FileKind::CloudFormation;
  }
  if (has_top_level_key(text, "Build")) return FileKind::ImageConfig;
  if (has_top_level_key(text, "HeadNode") || has_top_level_key(text, "Scheduling")) return FileKind::ClusterConfig;
  if (text.starts_with("[Service]") || text.starts_with("[Unit]")) return FileKind::SystemdDropIn;
  return FileKind::Unknown;
}

}  // namespace pwpc
