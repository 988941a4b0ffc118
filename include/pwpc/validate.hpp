// Validation: the rules pwpc runs on hand-written configurations and on its own rendered
// bundles. One rule = one ID with a summary, a rationale and its source (rules/*.cpp).
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/diagnostics.hpp"
#include "pwpc/version.hpp"

namespace pwpc {

enum class FileKind {
  Unknown,
  ClusterConfig,           // ParallelCluster cluster config (YAML)
  ImageConfig,             // pcluster build-image config (YAML)
  Profile,                 // pwpc profile (YAML)
  CloudFormation,          // CloudFormation template (YAML or JSON)
  RServerConf,             // rserver.conf
  LauncherConf,            // launcher.conf
  LauncherSlurmConf,       // launcher.slurm.conf
  LauncherSlurmResources,  // launcher.slurm.resources.conf
  LauncherSlurmProfiles,   // launcher.slurm.profiles.conf
  DatabaseConf,            // database.conf
  LoadBalancer,            // load-balancer
  JupyterConf,
  VscodeConf,
  PositronConf,
  LoggingConf,
  SystemdDropIn,  // *.service.d/*.conf
};

std::string_view to_string(FileKind k);
std::optional<FileKind> parse_file_kind(std::string_view name);  // names as to_string gives

struct RuleInfo {
  std::string id;         // "PC-NAME", "WB-LOAD-BALANCING", ...
  std::string family;     // "parallelcluster", "workbench", "security", "schema", ...
  Severity severity;      // default severity
  std::string summary;    // one line
  std::string rationale;  // why it matters
  std::string source;     // doc URL or reference architecture section
};

// Every rule pwpc knows, sorted by ID.
const std::vector<RuleInfo>& all_rules();
const RuleInfo* find_rule(std::string_view id);

struct SourceFile {
  std::string path;  // as shown in diagnostics
  std::string text;
  FileKind kind = FileKind::Unknown;  // Unknown = detect from name and content
  std::optional<mode_t> mode;         // file permissions when known (bundles on disk, render)
  bool from_directory = false;        // found by walking a directory: unknown kinds are skipped quietly
};

struct ValidateOptions {
  std::optional<Version> parallelcluster_version;  // default: the config's own target or newest
  std::optional<long long> sessions;               // peak sessions, when known (--profile, bundle)
  bool bundle = false;                             // architecture rules are errors in a bundle, warnings otherwise
  bool werror = false;                             // warnings become errors
  std::optional<FileKind> kind;                    // --kind override for every file
  std::string cluster_name;                        // --cluster-name: the name `pcluster create-cluster` will get
  std::string region;                              // --region: when the config names none
};

// Recognises a file's kind from its name and content.
FileKind detect_kind(const std::string& path, std::string_view text);

// Validates a set of files together (cross-file rules run when the files they relate
// are present, e.g. rserver.conf with launcher.conf). Unreadable or malformed files
// become diagnostics, never exceptions. Diagnostics come back sorted.
Diagnostics validate_files(const std::vector<SourceFile>& files, const ValidateOptions& opts);

// Reads PATHs (files, or bundle directories walked recursively) into SourceFiles.
// Throws InputError for paths that cannot be read at all.
std::vector<SourceFile> read_sources(const std::vector<std::string>& paths, bool* any_directory = nullptr);

// The newest ParallelCluster version pwpc knows the schema of.
Version newest_parallelcluster_version();

}  // namespace pwpc
