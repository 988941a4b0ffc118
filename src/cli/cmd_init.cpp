#include <filesystem>
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/profile.hpp"

namespace pwpc::cli {

Runner add_init(CLI::App& app) {
  struct Opts {
    std::string output;
    bool force = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("init", "Write a commented starter profile that `pwpc plan` accepts as it is");
  cmd->add_option("-o,--output", o->output, "Write to this file (default: stdout)");
  cmd->add_flag("-f,--force", o->force, "Overwrite the file if it exists");
  return [o]() {
    if (!o->output.empty() && o->output != "-" && std::filesystem::exists(o->output) && !o->force) {
      std::cerr << o->output << ": error: [IO] the file exists; pwpc init does not overwrite it\n"
                << "    hint: choose another name, or pass --force\n";
      return static_cast<int>(kUnusable);
    }
    return static_cast<int>(write_output(o->output, starter_profile()) ? kOk : kUnusable);
  };
}

}  // namespace pwpc::cli
