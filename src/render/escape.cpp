// Escaping values for the formats pwpc writes. Values are escaped when the render
// context is built (DESIGN.md, "bundle"), so templates stay logic-less.
#include <fmt/format.h>

#include <cctype>

#include "pwpc/document.hpp"
#include "render/render_internal.hpp"

namespace pwpc::render {
namespace {

bool is_plain_char(unsigned char c) {
  return std::isalnum(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '+' || c == '=' || c == '@';
}

// 2024-01-01 and friends: PyYAML's timestamp resolver would make them dates.
bool looks_like_date(std::string_view v) {
  if (v.size() < 8 || !std::isdigit(static_cast<unsigned char>(v[0]))) return false;
  int dashes = 0;
  for (char c : v) {
    if (c == '-')
      ++dashes;
    else if (!std::isdigit(static_cast<unsigned char>(c)) && c != 'T' && c != 't' && c != ':' && c != '.' && c != ' ' &&
             c != 'Z' && c != '+')
      return false;
  }
  return dashes >= 2;
}

bool has_control(std::string_view v) {
  for (unsigned char c : v) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

// The Unicode line breaks of YAML 1.1 at v[i] (NEL U+0085, LS U+2028, PS U+2029): their
// escape, or nullptr. PyYAML (ParallelCluster's reader) folds a raw NEL inside quotes
// into a space, so these are written escaped, in double quotes.
const char* yaml_unicode_break(std::string_view v, std::size_t i) {
  // \u, not \N: yaml-cpp (pwpc's reader) decodes \N to a lone byte 0x85.
  if (v.substr(i, 2) == "\xC2\x85") return "\\u0085";
  if (v.substr(i, 3) == "\xE2\x80\xA8") return "\\u2028";
  if (v.substr(i, 3) == "\xE2\x80\xA9") return "\\u2029";
  return nullptr;
}

bool has_yaml_unicode_break(std::string_view v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (yaml_unicode_break(v, i)) return true;
  }
  return false;
}

}  // namespace

std::string yaml_scalar(std::string_view v) {
  bool plain = !v.empty();
  if (plain) {
    unsigned char first = static_cast<unsigned char>(v[0]);
    if (!(std::isalnum(first) || first == '_' || first == '/')) plain = false;
  }
  for (unsigned char c : v) {
    if (!is_plain_char(c)) {
      plain = false;
      break;
    }
  }
  if (plain && looks_like_date(v)) plain = false;
  if (plain) {
    doc::Node n;
    n.kind = doc::Kind::Scalar;
    n.scalar = std::string(v);
    n.plain = true;
    if (n.scalar_type() != doc::ScalarType::String) plain = false;
  }
  if (plain) return std::string(v);
  if (!has_control(v) && !has_yaml_unicode_break(v)) {
    std::string out = "'";
    for (char c : v) {
      if (c == '\'')
        out += "''";
      else
        out += c;
    }
    out += '\'';
    return out;
  }
  std::string out = "\"";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (const char* e = yaml_unicode_break(v, i)) {
      out += e;
      i += e[2] == '0' ? 1 : 2;  // the escape of NEL (two bytes) starts \u0, LS and PS (three) \u2
      continue;
    }
    auto c = static_cast<unsigned char>(v[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      default:
        if (c < 0x20 || c == 0x7f)
          out += fmt::format("\\x{:02X}", c);
        else
          out += static_cast<char>(c);
    }
  }
  out += '"';
  return out;
}

std::string ini_value(std::string_view v, const std::string& origin, const std::string& profile_path) {
  auto reject = [&](const std::string& why) {
    throw InputError(profile_path, 0, 0, "RENDER-VALUE",
                     fmt::format("{} cannot be written to a Workbench configuration file: it {}", origin, why),
                     "Workbench reads key=value lines; use a value on one line without surrounding spaces");
  };
  for (unsigned char c : v) {
    if (c == '\n' || c == '\r') reject("contains a line break");
    if (c < 0x20 || c == 0x7f) reject("contains a control character");
  }
  if (!v.empty() &&
      (std::isspace(static_cast<unsigned char>(v.front())) || std::isspace(static_cast<unsigned char>(v.back())))) {
    reject("starts or ends with whitespace, which Workbench would drop");
  }
  return std::string(v);
}

std::string shell_word(std::string_view v) {
  bool safe = !v.empty();
  for (unsigned char c : v) {
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '/' || c == '-' || c == '+' || c == '=' || c == '@' ||
          c == ':' || c == ',' || c == '%')) {
      safe = false;
      break;
    }
  }
  if (safe) return std::string(v);
  if (has_control(v)) {  // ANSI-C quoting: control characters written as escapes
    std::string out = "$'";
    for (unsigned char c : v) {
      if (c == '\'' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20 || c == 0x7f) {
        out += fmt::format("\\x{:02x}", c);
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "'";
  }
  std::string out = "'";
  for (char c : v) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

std::string markdown_text(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '|' || c == '`' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace pwpc::render
