#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "pwpc/document.hpp"

namespace pwpc::doc {

const Entry* Node::entry(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Entry* e = entry(key);
  return e ? e->value.get() : nullptr;
}

namespace {

bool is_yaml11_null(std::string_view s) { return s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL"; }

std::optional<bool> yaml11_bool(std::string_view s) {
  for (auto t : {"yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
    if (s == t) return true;
  }
  for (auto f : {"no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
    if (s == f) return false;
  }
  return std::nullopt;
}

bool all_of(std::string_view s, std::string_view allowed) {
  if (s.empty()) return false;
  for (char c : s) {
    if (allowed.find(c) == std::string_view::npos) return false;
  }
  return true;
}

// The digits of a YAML 1.1 int, whatever its size: PyYAML reads 10^30 as an int too.
struct IntSyntax {
  bool neg = false;
  int base = 10;
  std::string digits;  // without sign, prefix and '_'
};

// PyYAML's int: [-+]?(0b[01_]+ | 0[0-7_]+ | (0|[1-9][0-9_]*) | 0x[0-9a-fA-F_]+)
std::optional<IntSyntax> yaml11_int_syntax(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return std::nullopt;
  int base = 10;
  std::string_view digits = s;
  if (s.starts_with("0b")) {
    base = 2;
    digits = s.substr(2);
    if (!all_of(digits, "01_")) return std::nullopt;
  } else if (s.starts_with("0x")) {
    base = 16;
    digits = s.substr(2);
    if (!all_of(digits, "0123456789abcdefABCDEF_")) return std::nullopt;
  } else if (s.size() > 1 && s[0] == '0') {
    base = 8;
    digits = s.substr(1);
    if (!all_of(digits, "01234567_")) return std::nullopt;
  } else {
    if (!all_of(s, "0123456789_") || s[0] == '_') return std::nullopt;
  }
  std::string clean;
  for (char c : digits) {
    if (c != '_') clean.push_back(c);
  }
  if (clean.empty()) return std::nullopt;
  return IntSyntax{neg, base, std::move(clean)};
}

// The value, when it fits in a long long.
std::optional<long long> yaml11_int(std::string_view s) {
  auto syn = yaml11_int_syntax(s);
  if (!syn) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  // Parsed with its sign so that the most negative value fits.
  std::string text = (syn->neg ? "-" : "") + syn->digits;
  long long v = std::strtoll(text.c_str(), &end, syn->base);
  if (errno == ERANGE || *end != '\0') return std::nullopt;
  return v;
}

// The value of any int, approximated when it does not fit in a long long.
double yaml11_int_as_double(const IntSyntax& syn) {
  double v = 0;
  for (char c : syn.digits) {
    int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    v = v * syn.base + d;
  }
  return syn.neg ? -v : v;
}

// PyYAML's float: [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+][0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
std::optional<double> yaml11_float(std::string_view s) {
  std::string_view body = s;
  bool neg = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    return neg ? -HUGE_VAL : HUGE_VAL;
  }
  if (s == ".nan" || s == ".NaN" || s == ".NAN") return std::nan("");
  auto dot = body.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string_view mant = body;
  std::string_view exp;
  if (auto e = body.find_first_of("eE"); e != std::string_view::npos) {
    mant = body.substr(0, e);
    exp = body.substr(e + 1);
    if (exp.size() < 2 || (exp[0] != '-' && exp[0] != '+') || !all_of(exp.substr(1), "0123456789")) {
      return std::nullopt;
    }
  }
  std::string_view ip = mant.substr(0, dot);
  std::string_view fp = mant.substr(dot + 1);
  if (!ip.empty() && (!all_of(ip, "0123456789_") || ip[0] == '_')) return std::nullopt;
  if (!fp.empty() && !all_of(fp, "0123456789_")) return std::nullopt;
  if (ip.empty() && fp.empty()) return std::nullopt;
  std::string clean;
  for (char c : s) {
    if (c != '_') clean.push_back(c);
  }
  return std::strtod(clean.c_str(), nullptr);
}

}  // namespace

ScalarType Node::scalar_type() const {
  if (kind == Kind::Null) return ScalarType::Null;
  if (kind != Kind::Scalar) return ScalarType::String;
  if (tag == "tag:yaml.org,2002:str") return ScalarType::String;
  if (!plain && tag.empty()) return ScalarType::String;
  if (is_yaml11_null(scalar)) return ScalarType::Null;
  if (yaml11_bool(scalar)) return ScalarType::Bool;
  if (yaml11_int_syntax(scalar)) return ScalarType::Int;
  if (yaml11_float(scalar)) return ScalarType::Float;
  return ScalarType::String;
}

std::optional<bool> Node::as_bool() const {
  if (kind != Kind::Scalar) return std::nullopt;
  return yaml11_bool(scalar);
}

std::optional<long long> Node::as_int() const {
  if (kind != Kind::Scalar) return std::nullopt;
  return yaml11_int(scalar);
}

std::optional<double> Node::as_double() const {
  if (kind != Kind::Scalar) return std::nullopt;
  if (auto i = yaml11_int(scalar)) return static_cast<double>(*i);
  if (auto syn = yaml11_int_syntax(scalar)) return yaml11_int_as_double(*syn);  // beyond 64 bits
  return yaml11_float(scalar);
}

}  // namespace pwpc::doc
