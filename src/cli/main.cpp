// pwpc: plan, render and validate Posit Workbench on AWS ParallelCluster.
#include <spdlog/spdlog.h>

#include <iostream>
#include <map>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/version.hpp"

int main(int argc, char** argv) {
  using namespace pwpc::cli;
  CLI::App app{
      "pwpc: plan, render and validate Posit Workbench on AWS ParallelCluster (Slurm).\n"
      "  pwpc init -o profile.yaml        write a commented starter profile\n"
      "  pwpc plan profile.yaml           size the deployment and explain its monthly cost\n"
      "  pwpc render profile.yaml -o deploy/   write the deployment bundle (see deploy/DEPLOY.md)\n"
      "  pwpc validate cluster-config.yaml   check a hand-written config offline",
      "pwpc"};
  app.set_version_flag("--version", std::string(pwpc::pwpc_version()));
  app.require_subcommand(1);
  app.fallthrough();
  int quiet = 0, verbose = 0;
  app.add_flag("-q,--quiet", quiet, "Only print errors");
  app.add_flag("-v,--verbose", verbose, "Print more about what pwpc does (-vv for debug)");

  std::map<CLI::App*, Runner> runners;
  auto add = [&](const char* name, Runner (*fn)(CLI::App&)) {
    (void)name;
    std::size_t before = app.get_subcommands({}).size();
    Runner r = fn(app);
    auto subs = app.get_subcommands({});
    if (subs.size() > before) runners[subs.back()] = std::move(r);
  };
  add("init", add_init);
  add("plan", add_plan);
  add("render", add_render);
  add("validate", add_validate);
  add("rules", add_rules);
  add("schema", add_schema);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUnusable;
  }
  spdlog::set_pattern("pwpc: %l: %v");
  spdlog::set_level(quiet          ? spdlog::level::err
                    : verbose >= 2 ? spdlog::level::debug
                    : verbose == 1 ? spdlog::level::info
                                   : spdlog::level::warn);
  for (auto& [sub, run] : runners) {
    if (sub->parsed()) {
      try {
        return run();
      } catch (const pwpc::InputError& e) {
        print_input_error(e);
        return kUnusable;
      } catch (const std::exception& e) {
        std::cerr << "pwpc: internal error: " << e.what()
                  << "\n    hint: this is a bug in pwpc; please report it with the input that caused it\n";
        return 3;
      }
    }
  }
  return kUnusable;
}
