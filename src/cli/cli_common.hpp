// Small helpers shared by the CLI commands: exit codes, printing diagnostics, colour.
#pragma once

#include <string>

#include "pwpc/diagnostics.hpp"

namespace pwpc::cli {

enum Exit : int { kOk = 0, kFindings = 1, kUnusable = 2 };

struct GlobalOptions {
  int verbosity = 0;  // -q = -1, -v = 1, -vv = 2
};

bool stderr_color();
bool stdout_color();
// Prints input errors (exit 2 kind) to stderr in text form.
void print_input_error(const InputError& e);
// Writes `text` to the file or to stdout when path is "-" or empty. Returns false and
// prints an error when the file cannot be written.
bool write_output(const std::string& path, const std::string& text);

}  // namespace pwpc::cli
