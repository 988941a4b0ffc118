// The JSON Schema subset interpreter (see schemas/README.md for the subset).
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <set>

#include "pwpc/resources.hpp"
#include "pwpc/schema.hpp"

namespace pwpc::schema {
namespace {

using nlohmann::json;

const std::set<std::string>& known_keywords() {
  static const std::set<std::string> k{"$schema",
                                       "$id",
                                       "$defs",
                                       "$ref",
                                       "$comment",
                                       "title",
                                       "description",
                                       "default",
                                       "examples",
                                       "type",
                                       "properties",
                                       "additionalProperties",
                                       "required",
                                       "enum",
                                       "const",
                                       "pattern",
                                       "minimum",
                                       "maximum",
                                       "exclusiveMinimum",
                                       "exclusiveMaximum",
                                       "minLength",
                                       "maxLength",
                                       "minItems",
                                       "maxItems",
                                       "items",
                                       "uniqueItems",
                                       "format",
                                       "deprecated",
                                       "x-since",
                                       "x-until",
                                       "x-enum-since",
                                       "x-enum-until",
                                       "x-hint",
                                       "x-sensitive",
                                       "markdownDescription"};
  return k;
}

void check_subset(const json& s, const std::string& where) {
  if (s.is_boolean()) return;
  if (!s.is_object()) throw std::invalid_argument("schema at " + where + " is not an object");
  for (const auto& [k, v] : s.items()) {
    if (!known_keywords().count(k)) {
      throw std::invalid_argument("schema keyword '" + k + "' at " + where + " is outside pwpc's subset");
    }
    if (k == "properties" || k == "$defs") {
      for (const auto& [name, sub] : v.items()) check_subset(sub, where + "/" + k + "/" + name);
    } else if (k == "items" || (k == "additionalProperties" && v.is_object())) {
      check_subset(v, where + "/" + k);
    }
  }
}

// libstdc++'s default regex executor recurses once per character of the subject: a value of
// some 30,000 characters overflowed the stack (`pwpc plan` on a profile with a 10 MB cluster
// name crashed). Its breadth-first executor (__polynomial; the schemas' patterns use no
// back-references) needs stack in proportion to the pattern only.
#if defined(__GLIBCXX__)
constexpr auto kRegexFlags = std::regex::ECMAScript | std::regex_constants::__polynomial;
#else
constexpr auto kRegexFlags = std::regex::ECMAScript;
#endif

std::string describe(const doc::Node& n) {
  switch (n.kind) {
    case doc::Kind::Null: return "nothing (null)";
    case doc::Kind::Mapping: return "a mapping";
    case doc::Kind::Sequence: return "a list";
    case doc::Kind::Scalar: break;
  }
  std::string v = clip_text(n.scalar);
  switch (n.scalar_type()) {
    case doc::ScalarType::Bool: return "the boolean " + v;
    case doc::ScalarType::Int: return "the integer " + v;
    case doc::ScalarType::Float: return "the number " + v;
    case doc::ScalarType::Null: return "nothing (null)";
    case doc::ScalarType::String: break;
  }
  return "the string '" + v + "'";
}

std::string type_phrase(const std::string& t) {
  if (t == "object") return "a mapping";
  if (t == "array") return "a list";
  if (t == "string") return "a string";
  if (t == "integer") return "an integer";
  if (t == "number") return "a number";
  if (t == "boolean") return "a boolean (true or false)";
  if (t == "null") return "nothing";
  return t;
}

std::size_t utf8_length(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string fmt_number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  if (!std::isfinite(d) || std::fabs(d) >= 1e15) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", d);  // 1e+30, inf
    return buf;
  }
  std::string s = std::to_string(d);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

const std::set<std::string> kTruthy{"true", "True", "TRUE", "1", "yes", "Yes", "YES",
                                    "on",   "On",   "ON",   "t", "T",   "y",   "Y"};
const std::set<std::string> kFalsy{"false", "False", "FALSE", "0", "no", "No", "NO",
                                   "off",   "Off",   "OFF",   "f", "F",  "n",  "N"};

class Checker {
 public:
  Checker(const json& root, const CheckOptions& opts, const std::string& file, Diagnostics& out)
      : root_(root), opts_(opts), file_(file), out_(out) {}

  void check(const doc::Node& n, const json& s, const std::string& path, doc::Mark at) {
    const json& sc = resolve(s);
    if (sc.is_boolean()) {
      if (!sc.get<bool>()) report(at, path, "is not allowed here", "");
      return;
    }
    if (!type_ok(n, sc, path, at)) return;
    if (n.is_scalar() && n.scalar_type() == doc::ScalarType::Int && !n.as_int() && sc.contains("type")) {
      // An int beyond 64 bits (10^30): YAML and Python take it, no setting means it.
      report(at, path, "'" + clip_text(n.scalar) + "' is too large a number (beyond 64 bits)",
             "no setting takes a number this large; check for a typo");
      return;
    }
    if (sc.contains("const") && !scalar_equals(n, sc["const"])) {
      report(at, path, "must be " + sc["const"].dump(), "");
      return;
    }
    if (sc.contains("enum")) check_enum(n, sc, path, at);
    if (n.is_scalar()) check_scalar(n, sc, path, at);
    if (n.is_map()) check_object(n, sc, path);
    if (n.is_seq()) check_array(n, sc, path, at);
  }

 private:
  const json& resolve(const json& s) const {
    const json* cur = &s;
    for (int guard = 0; guard < 32 && cur->is_object() && cur->contains("$ref"); ++guard) {
      std::string ref = (*cur)["$ref"].get<std::string>();
      if (!ref.starts_with("#/")) throw std::invalid_argument("only local $ref supported: " + ref);
      cur = &root_.at(json::json_pointer(ref.substr(1)));
    }
    return *cur;
  }

  void report(doc::Mark at, const std::string& path, const std::string& message, std::string hint) {
    Diagnostic d;
    d.file = file_;
    d.line = at.line;
    d.col = at.col;
    d.severity = Severity::Error;
    d.rule = opts_.rule;
    d.path = path;
    d.message = (path.empty() ? std::string("the document") : clip_text(path, 300)) + ": " + message;
    d.hint = std::move(hint);
    out_.push_back(std::move(d));
  }

  std::optional<Version> ver(const json& s, const char* key) const {
    if (!s.is_object() || !s.contains(key) || !s[key].is_string()) return std::nullopt;
    return Version::parse(s[key].get<std::string>());
  }

  bool type_ok(const doc::Node& n, const json& sc, const std::string& path, doc::Mark at) {
    if (!sc.contains("type")) {
      if (n.is_null()) return true;
      return true;
    }
    std::vector<std::string> types;
    if (sc["type"].is_string()) {
      types.push_back(sc["type"].get<std::string>());
    } else {
      for (const auto& t : sc["type"]) types.push_back(t.get<std::string>());
    }
    for (const auto& t : types) {
      if (matches_type(n, t)) return true;
    }
    std::string want;
    for (std::size_t i = 0; i < types.size(); ++i) {
      if (i) want += i + 1 == types.size() ? " or " : ", ";
      want += type_phrase(types[i]);
    }
    if (n.is_null() || (n.is_scalar() && n.scalar_type() == doc::ScalarType::Null)) {
      report(at, path, "has no value; expected " + want, "give it a value or remove the key");
    } else {
      report(at, path, "expected " + want + ", got " + describe(n), "");
    }
    return false;
  }

  bool matches_type(const doc::Node& n, const std::string& t) const {
    if (n.kind == doc::Kind::Mapping) return t == "object";
    if (n.kind == doc::Kind::Sequence) return t == "array";
    auto st = n.scalar_type();
    if (t == "null") return st == doc::ScalarType::Null;
    if (st == doc::ScalarType::Null) return false;
    if (t == "string") return st == doc::ScalarType::String;
    if (t == "boolean") {
      if (st == doc::ScalarType::Bool) return true;
      // marshmallow's Boolean also takes 1/0 and strings such as "true".
      return opts_.lenient_numbers && (kTruthy.count(n.scalar) || kFalsy.count(n.scalar));
    }
    if (t == "integer") {
      if (st == doc::ScalarType::Int) return true;
      if (opts_.lenient_numbers && st == doc::ScalarType::String && n.as_int()) return true;
      if (st == doc::ScalarType::Float) {
        // 4.0 is an integer in JSON Schema; marshmallow's non-strict Int truncates any float.
        auto d = n.as_double();
        return d && std::isfinite(*d) && (opts_.lenient_numbers || std::floor(*d) == *d);
      }
      return false;
    }
    if (t == "number") {
      if (st == doc::ScalarType::Int || st == doc::ScalarType::Float) return true;
      return opts_.lenient_numbers && st == doc::ScalarType::String && n.as_double();
    }
    return false;
  }

  bool scalar_equals(const doc::Node& n, const json& v) const {
    if (!n.is_scalar()) return false;
    if (v.is_string()) return n.scalar == v.get<std::string>();
    if (v.is_boolean()) return n.as_bool() == v.get<bool>();
    if (v.is_number()) {
      auto d = n.as_double();
      return d && *d == v.get<double>();
    }
    return false;
  }

  void check_enum(const doc::Node& n, const json& sc, const std::string& path, doc::Mark at) {
    std::vector<std::string> allowed;
    bool found = false;
    std::string gated;
    for (const auto& v : sc["enum"]) {
      std::string text = v.is_string() ? v.get<std::string>() : v.dump();
      bool exists = true;
      if (opts_.version && v.is_string()) {
        if (sc.contains("x-enum-since") && sc["x-enum-since"].contains(text)) {
          auto since = Version::parse(sc["x-enum-since"][text].get<std::string>());
          if (since && *opts_.version < *since) {
            exists = false;
            if (scalar_equals(n, v)) gated = text + "' exists only since ParallelCluster " + since->str();
          }
        }
        if (sc.contains("x-enum-until") && sc["x-enum-until"].contains(text)) {
          auto until = Version::parse(sc["x-enum-until"][text].get<std::string>());
          if (until && *opts_.version >= *until) {
            exists = false;
            if (scalar_equals(n, v)) gated = text + "' was removed in ParallelCluster " + until->str();
          }
        }
      }
      if (exists) {
        allowed.push_back(text);
        if (scalar_equals(n, v)) found = true;
      }
    }
    if (found) return;
    std::string list;
    for (std::size_t i = 0; i < allowed.size(); ++i) list += (i ? ", " : "") + allowed[i];
    if (!gated.empty()) {
      report(at, path, "'" + gated + " (target " + opts_.version->str() + ")", "use one of: " + list);
      return;
    }
    std::string hint = "use one of: " + list;
    if (n.is_scalar()) {
      std::string near = closest_match(n.scalar, allowed);
      if (!near.empty()) hint = "did you mean '" + near + "'? (" + hint + ")";
    }
    report(at, path, (n.is_scalar() ? "'" + clip_text(n.scalar) + "'" : describe(n)) + " is not an allowed value",
           hint);
  }

  // Compiled once per process, not once per document: the patterns come from the embedded
  // schemas, a bounded set, and recompiling them showed in profiles of `pwpc validate` on
  // many configs.
  static const std::regex& regex_for(const std::string& pattern) {
    static std::mutex mu;
    static std::map<std::string, std::regex> cache;
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(pattern);
    if (it == cache.end()) it = cache.emplace(pattern, std::regex(pattern, kRegexFlags)).first;
    return it->second;
  }

  void check_scalar(const doc::Node& n, const json& sc, const std::string& path, doc::Mark at) {
    auto st = n.scalar_type();
    bool is_string = st == doc::ScalarType::String || st == doc::ScalarType::Bool;
    if (is_string) {
      if (sc.contains("pattern")) {
        const std::string& pat = sc["pattern"].get_ref<const std::string&>();
        if (!std::regex_search(n.scalar, regex_for(pat))) {
          std::string hint = sc.contains("x-hint") ? sc["x-hint"].get<std::string>() : "it must match " + pat;
          // A key that should hold a reference to a secret may hold the secret itself: never
          // repeat such a value in a diagnostic.
          bool sensitive = sc.value("x-sensitive", false) && !n.scalar.starts_with("arn:");
          report(at, path,
                 sensitive ? std::string("the value is not in the expected form (not shown: it may be a secret)")
                           : "'" + clip_text(n.scalar) + "' is not in the expected form",
                 hint);
        }
      }
      auto len = utf8_length(n.scalar);
      if (sc.contains("minLength") && len < sc["minLength"].get<std::size_t>()) {
        report(at, path,
               "is too short (" + std::to_string(len) + " characters; at least " +
                   std::to_string(sc["minLength"].get<std::size_t>()) + ")",
               "");
      }
      if (sc.contains("maxLength") && len > sc["maxLength"].get<std::size_t>()) {
        report(at, path,
               "is too long (" + std::to_string(len) + " characters; at most " +
                   std::to_string(sc["maxLength"].get<std::size_t>()) + ")",
               "");
      }
    }
    bool numeric_schema = sc.contains("minimum") || sc.contains("maximum") || sc.contains("exclusiveMinimum") ||
                          sc.contains("exclusiveMaximum");
    if (!numeric_schema) return;
    auto v = n.as_double();
    if (!v) return;
    if (std::isnan(*v)) {
      report(at, path, "is not a number (NaN)", "");
      return;
    }
    if (sc.contains("minimum") && *v < sc["minimum"].get<double>()) {
      report(at, path, fmt_number(*v) + " is below the minimum " + fmt_number(sc["minimum"].get<double>()), "");
    }
    if (sc.contains("maximum") && *v > sc["maximum"].get<double>()) {
      report(at, path, fmt_number(*v) + " is above the maximum " + fmt_number(sc["maximum"].get<double>()), "");
    }
    if (sc.contains("exclusiveMinimum") && *v <= sc["exclusiveMinimum"].get<double>()) {
      report(at, path, "must be greater than " + fmt_number(sc["exclusiveMinimum"].get<double>()), "");
    }
    if (sc.contains("exclusiveMaximum") && *v >= sc["exclusiveMaximum"].get<double>()) {
      report(at, path, "must be less than " + fmt_number(sc["exclusiveMaximum"].get<double>()), "");
    }
  }

  bool version_allows(const json& prop, const std::string& key, const std::string& path, doc::Mark at, bool do_report) {
    if (!opts_.version) return true;
    const json& p = resolve(prop);
    auto since = ver(prop, "x-since");
    if (!since) since = ver(p, "x-since");
    auto until = ver(prop, "x-until");
    if (!until) until = ver(p, "x-until");
    if (since && *opts_.version < *since) {
      if (do_report) {
        report(at, path,
               "'" + key + "' exists only since ParallelCluster " + since->str() + " (target " + opts_.version->str() +
                   ")",
               "raise the target version or remove the key");
      }
      return false;
    }
    if (until && *opts_.version >= *until) {
      if (do_report) {
        report(
            at, path,
            "'" + key + "' was removed in ParallelCluster " + until->str() + " (target " + opts_.version->str() + ")",
            "remove the key");
      }
      return false;
    }
    return true;
  }

  void check_object(const doc::Node& n, const json& sc, const std::string& path) {
    const json* props = sc.contains("properties") ? &sc["properties"] : nullptr;
    for (const auto& e : n.entries) {
      std::string sub = path.empty() ? e.key : path + "/" + e.key;
      if (props && props->contains(e.key)) {
        const json& ps = (*props)[e.key];
        if (!version_allows(ps, e.key, sub, e.key_mark, true)) continue;
        check(*e.value, ps, sub, e.value->is_scalar() || e.value->is_null() ? e.value->mark : e.key_mark);
        continue;
      }
      if (sc.contains("additionalProperties")) {
        const json& ap = sc["additionalProperties"];
        if (ap.is_boolean() && !ap.get<bool>()) {
          std::vector<std::string> names;
          if (props) {
            for (const auto& [k, v] : props->items()) {
              if (version_allows(v, k, sub, e.key_mark, false)) names.push_back(k);
            }
          }
          std::string near = closest_match(e.key, names);
          std::string hint = near.empty() ? valid_keys_hint(names) : "did you mean '" + near + "'?";
          report(e.key_mark, sub, "unknown key '" + clip_text(e.key) + "'", hint);
          continue;
        }
        if (ap.is_object()) check(*e.value, ap, sub, e.key_mark);
      }
    }
    if (sc.contains("required")) {
      for (const auto& r : sc["required"]) {
        std::string key = r.get<std::string>();
        if (n.entry(key)) continue;
        if (props && props->contains(key) && !version_allows((*props)[key], key, path, n.mark, false)) continue;
        report(n.mark, path.empty() ? key : path + "/" + key, "missing required key '" + key + "'",
               "add '" + key + "' here");
      }
    }
  }

  static std::string valid_keys_hint(const std::vector<std::string>& names) {
    if (names.empty()) return "this mapping takes no keys";
    std::string s = "valid keys: ";
    for (std::size_t i = 0; i < names.size() && i < 12; ++i) s += (i ? ", " : "") + names[i];
    if (names.size() > 12) s += ", ...";
    return s;
  }

  void check_array(const doc::Node& n, const json& sc, const std::string& path, doc::Mark at) {
    if (sc.contains("minItems") && n.items.size() < sc["minItems"].get<std::size_t>()) {
      report(at, path,
             "needs at least " + std::to_string(sc["minItems"].get<std::size_t>()) + " item(s), has " +
                 std::to_string(n.items.size()),
             "");
    }
    if (sc.contains("maxItems") && n.items.size() > sc["maxItems"].get<std::size_t>()) {
      report(at, path,
             "takes at most " + std::to_string(sc["maxItems"].get<std::size_t>()) + " item(s), has " +
                 std::to_string(n.items.size()),
             "");
    }
    if (sc.value("uniqueItems", false)) {
      std::set<std::string> seen;
      for (const auto& it : n.items) {
        if (it->is_scalar() && !seen.insert(it->scalar).second) {
          report(it->mark, path, "'" + clip_text(it->scalar) + "' appears more than once", "list each value once");
        }
      }
    }
    if (sc.contains("items")) {
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        const auto& it = *n.items[i];
        check(it, sc["items"], path + "[" + std::to_string(i) + "]", it.mark);
      }
    }
  }

  const json& root_;
  const CheckOptions& opts_;
  const std::string& file_;
  Diagnostics& out_;
};

}  // namespace

Schema Schema::from_json(const nlohmann::json& j) {
  check_subset(j, "#");
  Schema s;
  s.root_ = std::make_shared<const nlohmann::json>(j);
  return s;
}

Schema Schema::from_resource(const std::string& resource_path) {
  auto text = required_resource(resource_path);
  return from_json(nlohmann::json::parse(text));
}

Diagnostics Schema::check(const doc::Document& d, const CheckOptions& opts) const {
  Diagnostics out;
  Checker c(*root_, opts, d.path, out);
  c.check(*d.root, *root_, "", d.root->mark);
  return out;
}

}  // namespace pwpc::schema
