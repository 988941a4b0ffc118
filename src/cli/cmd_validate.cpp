#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/profile.hpp"
#include "pwpc/sizing.hpp"
#include "pwpc/validate.hpp"

namespace pwpc::cli {

Runner add_validate(CLI::App& app) {
  struct Opts {
    std::vector<std::string> paths;
    std::string format = "text";
    std::string kind;
    std::string pc_version;
    std::string profile;
    std::string cluster_name;
    std::string region;
    bool werror = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "validate",
      "Check ParallelCluster, Workbench, systemd and CloudFormation files (or a rendered bundle directory) "
      "the way ParallelCluster would, plus the Workbench architecture rules");
  cmd->add_option("PATH", o->paths, "Files or bundle directories")->required();
  cmd->add_option("--format", o->format, "text | json | sarif | github")
      ->check(CLI::IsMember({"text", "json", "sarif", "github"}))
      ->capture_default_str();
  cmd->add_option("--kind", o->kind,
                  "Treat every PATH as this kind: cluster, image, profile, cloudformation, rserver, launcher, "
                  "launcher-slurm, launcher-slurm-resources, launcher-slurm-profiles, database, load-balancer, "
                  "jupyter, vscode, positron, logging, systemd-dropin");
  cmd->add_option("--parallelcluster-version", o->pc_version,
                  "Which ParallelCluster version's keys and values exist (default: the newest pwpc knows, " +
                      newest_parallelcluster_version().str() + ")");
  cmd->add_option("--profile", o->profile, "A pwpc profile: its peak sessions size the login-node check");
  cmd->add_option("--cluster-name", o->cluster_name,
                  "The name the cluster will get (pcluster create-cluster -n); checks its length and form");
  cmd->add_option("--region", o->region, "The AWS region, when the config names none");
  cmd->add_flag("--werror", o->werror, "Treat warnings as errors");
  return [o]() {
    ValidateOptions vo;
    vo.werror = o->werror;
    vo.cluster_name = o->cluster_name;
    vo.region = o->region;
    if (!o->kind.empty()) {
      auto k = parse_file_kind(o->kind);
      if (!k) {
        std::cerr << "pwpc: error: unknown --kind '" << o->kind << "'\n    hint: see pwpc validate --help\n";
        return static_cast<int>(kUnusable);
      }
      vo.kind = *k;
    }
    if (!o->pc_version.empty()) {
      auto v = Version::parse(o->pc_version);
      if (!v || v->major != 3) {
        std::cerr << "pwpc: error: --parallelcluster-version '" << o->pc_version
                  << "' is not a 3.x version\n    hint: for example 3.8.0\n";
        return static_cast<int>(kUnusable);
      }
      vo.parallelcluster_version = *v;
    }
    if (!o->profile.empty()) vo.sessions = make_plan(load_profile(o->profile)).sessions.peak;
    bool any_dir = false;
    auto files = read_sources(o->paths, &any_dir);
    vo.bundle = any_dir;
    std::size_t known = 0;
    for (const auto& f : files) {
      if (vo.kind || detect_kind(f.path, f.text) != FileKind::Unknown || !f.from_directory) ++known;
    }
    if (known == 0) {
      std::cerr << "pwpc: error: [IO] no file that pwpc checks was found in " << o->paths.front()
                << (o->paths.size() > 1 ? " ..." : "")
                << "\n    hint: name a cluster config, a Workbench file or a rendered bundle directory\n";
      return static_cast<int>(kUnusable);
    }
    Diagnostics ds = validate_files(files, vo);
    auto lookup = [](const std::string& id) -> std::pair<std::string, std::string> {
      const RuleInfo* r = find_rule(id);
      if (!r) return {};
      return {r->summary, r->source.starts_with("http") ? r->source : std::string()};
    };
    std::cout << format_diagnostics(ds, parse_output_format(o->format), o->format == "text" && stdout_color(), lookup);
    if (o->format == "text" && ds.empty()) {
      std::cerr << "pwpc: " << files.size() << " file(s) checked, no findings\n";
    }
    bool unusable = false;
    for (const auto& d : ds) {
      const RuleInfo* r = find_rule(d.rule);
      if (r && r->family == "input" && d.severity == Severity::Error) unusable = true;
    }
    if (unusable) return static_cast<int>(kUnusable);
    return static_cast<int>(has_errors(ds) ? kFindings : kOk);
  };
}

}  // namespace pwpc::cli
