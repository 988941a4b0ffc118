#include "cli_common.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "pwpc/io.hpp"

namespace pwpc::cli {
namespace {
bool color_for(int fd) {
  const char* no = std::getenv("NO_COLOR");
  if (no && *no) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fd) == 1;
}
}  // namespace

bool stderr_color() { return color_for(STDERR_FILENO); }
bool stdout_color() { return color_for(STDOUT_FILENO); }

void print_input_error(const InputError& e) {
  std::cerr << format_diagnostics(e.diagnostics(), OutputFormat::Text, stderr_color());
}

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text << std::flush;
    return true;
  }
  try {
    write_file_atomic(path, text, 0644);
  } catch (const InputError& e) {
    print_input_error(e);
    return false;
  }
  return true;
}

}  // namespace pwpc::cli
