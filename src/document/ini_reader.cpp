#include "document/text_checks.hpp"
#include "pwpc/ini.hpp"

namespace pwpc::ini {

const Entry* Section::find(std::string_view key) const {
  const Entry* found = nullptr;
  for (const auto& e : entries) {
    if (e.key == key) found = &e;
  }
  return found;
}

std::vector<const Entry*> Section::find_all(std::string_view key) const {
  std::vector<const Entry*> out;
  for (const auto& e : entries) {
    if (e.key == key) out.push_back(&e);
  }
  return out;
}

const Section* File::section(std::string_view name) const {
  for (const auto& s : sections) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<const Section*> File::sections_named(std::string_view name) const {
  std::vector<const Section*> out;
  for (const auto& s : sections) {
    if (s.name == name) out.push_back(&s);
  }
  return out;
}

namespace {
std::size_t skip_ws(std::string_view s, std::size_t i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return i;
}
std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}
}  // namespace

File parse_ini(const std::string& path, std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  if (auto bad = doc::find_invalid_utf8(text)) {
    throw InputError(path, bad->line, bad->col, "INI-SYNTAX", "the file is not valid UTF-8",
                     "save it as UTF-8 (binary data or another encoding was given)");
  }
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    auto m = doc::mark_at(text, nul);
    throw InputError(path, m.line, m.col, "INI-SYNTAX", "the file contains a NUL byte",
                     "binary data is not a config file");
  }
  File f;
  f.path = path;
  f.sections.push_back(Section{"", doc::Mark{1, 1}, {}});
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = rtrim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_no;
    std::size_t i = skip_ws(line, 0);
    if (i == line.size() || line[i] == '#' || line[i] == ';') continue;
    int col = static_cast<int>(i) + 1;
    if (line[i] == '[') {
      auto close = line.find(']', i);
      if (close == std::string_view::npos || skip_ws(line, close + 1) != line.size()) {
        throw InputError(path, line_no, col, "INI-SYNTAX", "malformed section header",
                         "write a section as [name] on a line of its own");
      }
      std::string name(rtrim(line.substr(i + 1, close - i - 1)));
      f.sections.push_back(Section{name, doc::Mark{line_no, col}, {}});
      continue;
    }
    auto eq = line.find('=', i);
    if (eq == std::string_view::npos) {
      throw InputError(path, line_no, col, "INI-SYNTAX",
                       "'" + std::string(line.substr(i, 40)) + "' is not a key=value line",
                       "write settings as key=value; comments start with #");
    }
    std::string key(rtrim(line.substr(i, eq - i)));
    if (key.empty()) {
      throw InputError(path, line_no, col, "INI-SYNTAX", "a setting without a key", "write settings as key=value");
    }
    std::size_t v = skip_ws(line, eq + 1);
    Entry e{key, std::string(line.substr(v)), doc::Mark{line_no, col}, doc::Mark{line_no, static_cast<int>(v) + 1}};
    f.sections.back().entries.push_back(std::move(e));
  }
  return f;
}

}  // namespace pwpc::ini
