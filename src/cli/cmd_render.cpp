#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/io.hpp"
#include "pwpc/profile.hpp"
#include "pwpc/render.hpp"
#include "pwpc/sizing.hpp"
#include "pwpc/validate.hpp"

namespace pwpc::cli {
namespace {

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  return abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
}

// Ends the process the way the signal asks (so a shell sees 128+N), now that the bundle
// directory is consistent.
[[noreturn]] void end_by_signal(int sig) {
  std::cerr.flush();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
  std::_Exit(128 + sig);  // not reached unless the signal is blocked
}

}  // namespace

Runner add_render(CLI::App& app) {
  struct Opts {
    std::string profile;
    std::string output;
    std::string templates;
    std::vector<std::string> stack_outputs;
    bool allow_placeholders = false;
    bool check = false;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "render",
      "Write the complete deployment bundle for a team profile: ParallelCluster cluster and image configs, "
      "Workbench files, systemd drop-ins, CloudFormation, DEPLOY.md (validated before anything is written)");
  cmd->add_option("PROFILE", o->profile, "The team profile (profile.yaml)")->required();
  cmd->add_option("-o,--output", o->output, "The bundle directory (created or replaced as a whole)")->required();
  cmd->add_option("--stack-outputs", o->stack_outputs,
                  "JSON of `aws cloudformation describe-stacks` whose Outputs supply IDs (repeatable)");
  cmd->add_option("--templates", o->templates, "A directory whose files override the built-in templates, per file");
  cmd->add_flag("--allow-placeholders", o->allow_placeholders,
                "Write PWPC-MISSING-<Key> for IDs that are not known yet instead of stopping");
  cmd->add_flag("--check", o->check, "Write nothing; exit 1 and list the files that would change, appear or disappear");
  cmd->add_flag("--force", o->force, "Replace a non-empty directory that is not a pwpc bundle (kept aside)");
  return [o]() {
    Profile p = load_profile(o->profile);
    Plan plan = make_plan(p);
    RenderOptions ro;
    ro.templates_dir = o->templates;
    ro.allow_placeholders = o->allow_placeholders;
    for (const auto& f : o->stack_outputs) {
      for (const auto& kv : load_stack_outputs(f)) {
        const std::string& k = kv.first;
        const std::string& v = kv.second;
        auto it = ro.stack_outputs.find(k);
        if (it != ro.stack_outputs.end() && it->second != v) {
          // Values are shown only for the keys pwpc documents (IDs, ARNs, endpoints); any
          // other output may hold a secret (a password output of someone's stack).
          bool known = std::any_of(stack_output_keys().begin(), stack_output_keys().end(),
                                   [&](const StackOutputKey& s) { return s.key == k; });
          throw InputError(f, 0, 0, "STACK-OUTPUTS",
                           known ? "OutputKey " + k + " is '" + v + "' here but '" + it->second + "' in an earlier file"
                                 : "OutputKey " + k +
                                       " has a different value here than in an earlier file (values not shown: "
                                       "they may be secrets)",
                           "give the stack outputs of one deployment only");
        }
        ro.stack_outputs[k] = v;
      }
    }
    Bundle b = render_bundle(plan, ro);
    Diagnostics ds = validate_bundle(b, plan);
    bool color = stderr_color();
    // Findings on placeholders are expected (the placeholder list below names them all).
    Diagnostics shown;
    std::size_t on_placeholders = 0;
    for (const auto& d : ds) {
      if (d.severity == Severity::Warning && d.message.find("(a placeholder:") != std::string::npos)
        ++on_placeholders;
      else
        shown.push_back(d);
    }
    if (!shown.empty()) std::cerr << format_diagnostics(shown, OutputFormat::Text, color);
    if (has_errors(ds)) {
      std::cerr << "pwpc: the rendered bundle does not pass validation; nothing was written\n"
                   "    hint: these are findings on pwpc's own output (a template override or a profile value); "
                   "fix them and render again\n";
      return static_cast<int>(kFindings);
    }
    if (!b.placeholders.empty()) {
      std::cerr << "pwpc: warning: " << b.placeholders.size()
                << " value(s) are not known yet and were written as PWPC-MISSING-<Key> placeholders:\n";
      for (const auto& m : b.placeholders) std::cerr << "    " << m << "\n";
      if (on_placeholders) {
        std::cerr << "    (" << on_placeholders << " validation finding(s) on these placeholders were tolerated)\n";
      }
      std::cerr << "    hint: DEPLOY.md (Status) says which steps come first; render again once they are done\n";
    }
    if (o->check) {
      BundleDiff d = diff_bundle(o->output, b);
      if (d.empty()) {
        std::cerr << "pwpc: " << o->output << " is up to date (" << b.files.size() << " files)\n";
        return static_cast<int>(kOk);
      }
      for (const auto& f : d.changed) std::cout << "changed: " << f << "\n";
      for (const auto& f : d.added) std::cout << "missing: " << f << "\n";
      for (const auto& f : d.removed) std::cout << "extra: " << f << "\n";
      std::cerr << "pwpc: " << o->output << " is stale: " << d.changed.size() << " changed, " << d.added.size()
                << " missing, " << d.removed.size() << " extra file(s)\n"
                << "    hint: run the same command without --check to update it\n";
      return static_cast<int>(kFindings);
    }
    WriteBundleOptions wo;
    wo.force = o->force;
    wo.notice = [](const std::string& m) { std::cerr << "pwpc: " << m << "\n"; };
    WriteBundleResult r;
    try {
      r = write_bundle(o->output, b, wo);
    } catch (const Interrupted& e) {
      std::cerr << "pwpc: interrupted by " << signal_name(e.signal()) << "; " << o->output
                << " was left exactly as it was and the temporary files were removed\n";
      end_by_signal(e.signal());
    }
    if (!r.kept_aside.empty()) {
      std::cerr << "pwpc: the previous content of " << o->output << " was kept in " << r.kept_aside << "\n";
    }
    std::cerr << "pwpc: wrote " << b.files.size() << " files to " << o->output
              << (b.placeholders.empty() ? "" : " (with placeholders)") << "; next: " << o->output << "/DEPLOY.md\n";
    if (r.signal) {
      std::cerr << "pwpc: interrupted by " << signal_name(r.signal) << " after the bundle was complete\n";
      end_by_signal(r.signal);
    }
    return static_cast<int>(kOk);
  };
}

}  // namespace pwpc::cli
