// Internals of the render module shared by its files and its unit tests: escaping for
// each target format, the render context tree, template loading and rendering.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/render.hpp"

namespace pwpc::render {

// ---- Escaping (applied when the context is built, never in templates) ----

// A YAML 1.1 scalar that reads back (PyYAML, pwpc's reader) as exactly `v`, as a string:
// plain when that is unambiguous, otherwise single-quoted, or double-quoted with escapes
// when `v` holds control characters or newlines. Unicode passes through unchanged.
std::string yaml_scalar(std::string_view v);

// A value for a Workbench INI file (key=value): returned unchanged when it is safe.
// Throws InputError (rule RENDER-VALUE) naming `origin` (the profile key or stack output
// it came from) when it holds a newline, a NUL or other control character, or leading or
// trailing whitespace: such a value cannot be written as one INI line.
std::string ini_value(std::string_view v, const std::string& origin, const std::string& profile_path);

// A word for bash: unchanged when it is made of safe characters only, otherwise
// single-quoted ('\'' for quotes), or ANSI-C quoted ($'...') when it holds control
// characters or newlines.
std::string shell_word(std::string_view v);

// Text inside a Markdown table cell or heading: '|' and '`' escaped, newlines as spaces.
std::string markdown_text(std::string_view v);

// ---- Render context ----

// A context tree. Leaves are Text (a value that comes from the profile or a stack output
// and must be escaped for the target format) or Literal (text pwpc generated itself, such
// as numbers, that is inserted as is).
struct CtxMember;

struct Ctx {
  enum class Kind { Object, List, Text, Literal, Bool };
  Kind kind = Kind::Object;
  std::string value;               // Text / Literal
  std::string origin;              // Text: where the value came from (for errors)
  bool flag = false;               // Bool
  std::vector<CtxMember> members;  // Object (insertion order)
  std::vector<Ctx> items;          // List

  static Ctx object();
  static Ctx list();
  static Ctx text(std::string v, std::string origin = {});
  static Ctx literal(std::string v);
  static Ctx boolean(bool b);

  Ctx& set(const std::string& key, Ctx v);  // returns *this
  Ctx& set_text(const std::string& key, std::string v, std::string origin = {});
  Ctx& set_lit(const std::string& key, std::string v);
  Ctx& set_bool(const std::string& key, bool b);
  Ctx& push(Ctx v);
  const Ctx* get(std::string_view key) const;
};

// A named member of an object context. A struct of its own rather than std::pair: with
// libstdc++, clang checks pair<string, Ctx>'s constructors while Ctx is still incomplete.
struct CtxMember {
  std::string first;
  Ctx second;
};

inline Ctx Ctx::object() { return Ctx{}; }
inline Ctx Ctx::list() {
  Ctx c;
  c.kind = Kind::List;
  return c;
}

enum class Format { Yaml, Ini, Shell, Markdown, Plain };

// ---- Templates ----

// The text of template `name` (e.g. "workbench/rserver.conf.mustache"): from
// `templates_dir` when it holds that file, else the embedded copy. Throws InputError
// (rule RENDER-TEMPLATE) for an override that cannot be read or a missing template.
std::string load_template(const std::string& name, const std::string& templates_dir);

// Renders `tmpl` with `ctx`, escaping Text leaves for `format`. Throws InputError (rule
// RENDER-TEMPLATE, naming the template) for a template that does not parse or that names
// a variable the context does not have.
std::string render_template(const std::string& name, const std::string& tmpl, const Ctx& ctx, Format format,
                            const std::string& profile_path);

// ---- Placeholders ----

// The marker written for a missing value with --allow-placeholders.
constexpr std::string_view kPlaceholderPrefix = "PWPC-MISSING-";
inline std::string placeholder(std::string_view key) { return std::string(kPlaceholderPrefix) + std::string(key); }

// Downgrades error diagnostics that point at a line holding a placeholder (or whose
// message names one) to warnings: the bundle is knowingly incomplete there.
void tolerate_placeholders(Diagnostics& ds, const Bundle& b);

}  // namespace pwpc::render
