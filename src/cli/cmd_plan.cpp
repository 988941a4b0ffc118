#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/profile.hpp"
#include "pwpc/sizing.hpp"

namespace pwpc::cli {

Runner add_plan(CLI::App& app) {
  struct Opts {
    std::string profile;
    std::string format = "text";
    std::string output;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "plan", "Size the deployment for a team profile and explain every number and its monthly cost");
  cmd->add_option("PROFILE", o->profile, "The team profile (profile.yaml)")->required();
  cmd->add_option("--format", o->format, "Output format: text (a table for people) or json (versioned, for scripts)")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "Write the plan to this file instead of stdout");
  return [o]() {
    Profile p = load_profile(o->profile);
    Plan plan = make_plan(p);
    std::string out = o->format == "json" ? plan_to_json(plan) : plan_to_text(plan);
    return static_cast<int>(write_output(o->output, out) ? kOk : kUnusable);
  };
}

}  // namespace pwpc::cli
