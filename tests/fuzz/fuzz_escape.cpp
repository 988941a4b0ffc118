// libFuzzer target: escaping of values for the formats pwpc writes (the render context).
// Any byte string that is valid UTF-8 must come back unchanged after escaping and reading
// back: yaml_scalar through pwpc's YAML reader; shell_word through a decoder of the two
// quoting forms bash gives them; ini_value either refuses the value or writes it as a single
// line; markdown_text never breaks the line or the table cell. A violation aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "pwpc/document.hpp"
#include "render/render_internal.hpp"

namespace {

void require(bool ok) {
  if (!ok) std::abort();
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// What bash makes of one word written by shell_word (the three forms it produces only).
std::string shell_decode(std::string_view w) {
  std::string out;
  if (w.starts_with("$'")) {
    require(w.size() >= 3 && w.back() == '\'');
    for (std::size_t i = 2; i + 1 < w.size(); ++i) {
      if (w[i] != '\\') {
        require(w[i] != '\'');
        out += w[i];
        continue;
      }
      char e = w[++i];
      if (e == 'n')
        out += '\n';
      else if (e == '\\' || e == '\'')
        out += e;
      else if (e == 'x') {
        int v = 0, n = 0;
        while (n < 2 && i + 1 < w.size() - 1 && hex(w[i + 1]) >= 0) v = v * 16 + hex(w[++i]), ++n;
        require(n > 0);
        out += static_cast<char>(v);
      } else {
        require(false);
      }
    }
    return out;
  }
  if (w.starts_with('\'')) {  // '...' with '\'' for a quote
    std::size_t i = 0;
    while (i < w.size()) {
      require(w[i] == '\'');
      std::size_t close = w.find('\'', i + 1);
      require(close != std::string_view::npos);
      out += w.substr(i + 1, close - i - 1);
      i = close + 1;
      if (i < w.size()) {
        require(w.substr(i, 2) == "\\'");
        out += '\'';
        i += 2;
      }
    }
    return out;
  }
  for (char c : w) require(c != ' ' && c != '\'' && c != '"' && c != '$' && c != '`' && c != '\\' && c != ';');
  return std::string(w);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view v(reinterpret_cast<const char*>(data), size);
  if (pwpc::doc::find_invalid_utf8(v)) return 0;  // every value pwpc reads is UTF-8 already

  std::string y = pwpc::render::yaml_scalar(v);
  // PyYAML (ParallelCluster's reader) takes NEL, LS and PS for line breaks, even in quotes.
  for (std::string_view brk : {"\xC2\x85", "\xE2\x80\xA8", "\xE2\x80\xA9"}) require(y.find(brk) == std::string::npos);
  try {
    auto d = pwpc::doc::parse_yaml("fuzz.yaml", "k: " + y + "\n");
    const pwpc::doc::Node* k = d.root->get("k");
    require(k && k->is_scalar() && k->scalar == v && k->scalar_type() == pwpc::doc::ScalarType::String);
  } catch (const pwpc::InputError&) {
    // The reader refuses some text outright (a NUL byte); then no YAML file can hold it.
    require(v.find('\0') != std::string_view::npos);
  }

  if (!v.empty()) require(shell_decode(pwpc::render::shell_word(v)) == v);

  try {
    std::string i = pwpc::render::ini_value(v, "fuzz", "fuzz.yaml");
    require(i == v && i.find('\n') == std::string::npos && i.find('\r') == std::string::npos);
  } catch (const pwpc::InputError&) {
  }

  std::string m = pwpc::render::markdown_text(v);
  require(m.find('\n') == std::string::npos && m.find('\r') == std::string::npos);
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '|' || m[i] == '`') require(i > 0 && m[i - 1] == '\\');
  }
  return 0;
}
