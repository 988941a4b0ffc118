// The checks of the Workbench file rules, split by subject; workbench_rules.cpp holds the
// rule list and runs them.
#pragma once

#include <string>
#include <vector>

#include "validate/rule_context.hpp"

namespace pwpc::rules {

inline constexpr const char* kPositLauncherDoc =
    "https://docs.posit.co/ide/server-pro/admin/job_launcher/configuration.html";

void check_workbench_rserver(Context& ctx);   // load balancing, launcher sessions, shared storage path
void check_workbench_launcher(Context& ctx);  // launcher port, cluster names, Local/Slurm plugins
void check_workbench_database(Context& ctx);  // database provider
void check_workbench_slurm(Context& ctx);     // resource profiles vs. nodes, gpu-types
void check_workbench_options(Context& ctx);   // unknown and deprecated options

// Known options of a Workbench file kind (workbench_known_options.cpp). `section` is ""
// for files without sections, "server"/"cluster" for launcher.conf. Empty when pwpc has
// no list for that file.
const std::vector<std::string>& known_options(FileKind kind, const std::string& section);

struct DeprecatedOption {
  std::string key;
  std::string since;   // Workbench version, or "" when unknown
  std::string advice;  // what to do instead
};
const std::vector<DeprecatedOption>& deprecated_rserver_options();

}  // namespace pwpc::rules
