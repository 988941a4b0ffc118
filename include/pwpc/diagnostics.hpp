// Diagnostics: the one shape every finding and every input error takes, and the
// formats they are printed in (text, json, sarif, github).
#pragma once

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pwpc {

enum class Severity { Error, Warning, Info };

std::string_view to_string(Severity s);

struct Diagnostic {
  std::string file;  // as the user named it
  int line = 0;      // 1-based; 0 = whole file
  int col = 0;       // 1-based; 0 = whole line
  Severity severity = Severity::Error;
  std::string rule;     // rule ID, e.g. "PC-NAME" or "PROFILE-SCHEMA"
  std::string message;  // what is wrong
  std::string hint;     // how to fix it (may be empty)
  std::string path;     // key path inside the document, e.g. "Scheduling/SlurmQueues[0]/Name"
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& ds);
// A value as quoted in a message: cut after `max` bytes, at a whole UTF-8 character, with
// its full size noted ("... (10485760 bytes)"). A 10 MB scalar must not become a 10 MB
// diagnostic.
std::string clip_text(std::string_view s, std::size_t max = 60);
// Sorts by file, line, column, rule (stable order for output and tests).
void sort_diagnostics(Diagnostics& ds);

// Input that cannot be used at all (unreadable file, malformed YAML, profile schema
// errors). Carries the diagnostics; the CLI prints them and exits 2.
class InputError : public std::runtime_error {
 public:
  explicit InputError(Diagnostics ds);
  InputError(std::string file, int line, int col, std::string rule, std::string message, std::string hint = {});
  const Diagnostics& diagnostics() const { return diagnostics_; }

 private:
  Diagnostics diagnostics_;
};

enum class OutputFormat { Text, Json, Sarif, Github };
OutputFormat parse_output_format(const std::string& name);  // throws std::invalid_argument

// Rule metadata for SARIF (summary and help URI), looked up by rule ID; may be empty.
using RuleLookup = std::function<std::pair<std::string, std::string>(const std::string& rule)>;

// Renders diagnostics in the given format. `color` adds ANSI colours to text output.
std::string format_diagnostics(const Diagnostics& ds, OutputFormat f, bool color = false, const RuleLookup& rules = {});
std::string format_text(const Diagnostic& d, bool color = false);

}  // namespace pwpc
