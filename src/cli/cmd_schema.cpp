#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "pwpc/resources.hpp"

namespace pwpc::cli {

Runner add_schema(CLI::App& app) {
  auto which = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("schema", "Print a JSON Schema (for editors: yaml-language-server, VS Code)");
  cmd->add_option("NAME", *which, "profile | cluster | image")
      ->required()
      ->check(CLI::IsMember({"profile", "cluster", "image"}));
  return [which]() {
    std::string path = *which == "profile"   ? "schemas/profile.schema.json"
                       : *which == "cluster" ? "schemas/parallelcluster-cluster.schema.json"
                                             : "schemas/parallelcluster-image.schema.json";
    auto text = resource(path);
    if (!text) {
      std::cerr << "pwpc: error: the " << *which << " schema is not in this build\n";
      return static_cast<int>(kUnusable);
    }
    std::cout << *text;
    return static_cast<int>(kOk);
  };
}

}  // namespace pwpc::cli
