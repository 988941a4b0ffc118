// The INI-like files of Posit Workbench (rserver.conf, launcher.conf, ...) and systemd
// unit drop-ins, with a position on every section and key. Workbench files may have
// keys before any section (rserver.conf) and repeated sections (launcher.conf's [cluster]).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/document.hpp"

namespace pwpc::ini {

struct Entry {
  std::string key;
  std::string value;  // trimmed; surrounding double quotes kept as written
  doc::Mark key_mark;
  doc::Mark value_mark;
};

struct Section {
  std::string name;  // "" for keys before the first [section]
  doc::Mark mark;
  std::vector<Entry> entries;

  const Entry* find(std::string_view key) const;  // the last one wins, as in Workbench
  std::vector<const Entry*> find_all(std::string_view key) const;
};

struct File {
  std::string path;
  std::vector<Section> sections;  // sections[0] is the unnamed one (possibly empty)

  const Section* section(std::string_view name) const;  // first with that name
  std::vector<const Section*> sections_named(std::string_view name) const;
  // Convenience for files without sections: a key in the unnamed section.
  const Entry* find(std::string_view key) const { return sections.front().find(key); }
};

// Parses `key=value` / `key = value` lines, `# comments` and `; comments`, `[section]`
// headers. Throws InputError (rule INI-SYNTAX) for lines that are none of these, invalid
// UTF-8, NUL bytes.
File parse_ini(const std::string& path, std::string_view text);

}  // namespace pwpc::ini
