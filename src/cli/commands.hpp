// Each command registers its subcommand and returns the function that runs it.
#pragma once

#include <functional>

#include <CLI/CLI.hpp>

namespace pwpc::cli {

using Runner = std::function<int()>;

Runner add_plan(CLI::App& app);
Runner add_render(CLI::App& app);
Runner add_init(CLI::App& app);
Runner add_schema(CLI::App& app);
Runner add_validate(CLI::App& app);
Runner add_rules(CLI::App& app);

}  // namespace pwpc::cli
