// Template loading (embedded, or overridden per file with --templates DIR) and rendering
// with kainjow mustache. Mustache's default HTML escaping is replaced by the identity:
// values are escaped for their target format when the context is converted below.
#include <kainjow/mustache.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "pwpc/document.hpp"
#include "pwpc/resources.hpp"
#include "render/render_internal.hpp"

namespace pwpc::render {

Ctx Ctx::text(std::string v, std::string origin) {
  Ctx c;
  c.kind = Kind::Text;
  c.value = std::move(v);
  c.origin = std::move(origin);
  return c;
}
Ctx Ctx::literal(std::string v) {
  Ctx c;
  c.kind = Kind::Literal;
  c.value = std::move(v);
  return c;
}
Ctx Ctx::boolean(bool b) {
  Ctx c;
  c.kind = Kind::Bool;
  c.flag = b;
  return c;
}
Ctx& Ctx::set(const std::string& key, Ctx v) {
  for (auto& [k, m] : members) {
    if (k == key) {
      m = std::move(v);
      return *this;
    }
  }
  members.push_back(CtxMember{key, std::move(v)});
  return *this;
}
Ctx& Ctx::set_text(const std::string& key, std::string v, std::string origin) {
  return set(key, text(std::move(v), std::move(origin)));
}
Ctx& Ctx::set_lit(const std::string& key, std::string v) { return set(key, literal(std::move(v))); }
Ctx& Ctx::set_bool(const std::string& key, bool b) { return set(key, boolean(b)); }
Ctx& Ctx::push(Ctx v) {
  items.push_back(std::move(v));
  return *this;
}
const Ctx* Ctx::get(std::string_view key) const {
  for (const auto& [k, m] : members) {
    if (k == key) return &m;
  }
  return nullptr;
}

std::string load_template(const std::string& name, const std::string& templates_dir) {
  namespace fs = std::filesystem;
  if (!templates_dir.empty()) {
    fs::path p = fs::path(templates_dir) / name;
    std::error_code ec;
    if (fs::exists(p, ec)) {
      // Read like any input (FIFOs, directories, unreadable files), and at most 1 MiB: the
      // built-in templates are a few KB.
      return doc::read_file(p.string(), std::size_t{1} << 20);
    }
  }
  auto r = resource("templates/" + name);
  if (!r) {
    throw InputError("templates/" + name, 0, 0, "RENDER-TEMPLATE", "pwpc has no such built-in template",
                     "this is a bug in pwpc; please report it");
  }
  return std::string(*r);
}

namespace {

using mdata = kainjow::mustache::data;

std::string escape_leaf(const Ctx& c, Format f, const std::string& profile_path) {
  if (c.kind == Ctx::Kind::Literal) return c.value;
  switch (f) {
    case Format::Yaml: return yaml_scalar(c.value);
    case Format::Ini: return ini_value(c.value, c.origin.empty() ? std::string("a value") : c.origin, profile_path);
    case Format::Shell: return shell_word(c.value);
    case Format::Markdown: return markdown_text(c.value);
    case Format::Plain: return c.value;
  }
  return c.value;
}

mdata to_data(const Ctx& c, Format f, const std::string& profile_path) {
  switch (c.kind) {
    case Ctx::Kind::Text:
    case Ctx::Kind::Literal: return mdata(escape_leaf(c, f, profile_path));
    case Ctx::Kind::Bool: return mdata(c.flag ? mdata::type::bool_true : mdata::type::bool_false);
    case Ctx::Kind::List: {
      mdata l(mdata::type::list);
      for (const auto& i : c.items) l.push_back(to_data(i, f, profile_path));
      return l;
    }
    case Ctx::Kind::Object: {
      mdata o(mdata::type::object);
      for (const auto& [k, m] : c.members) o.set(k, to_data(m, f, profile_path));
      return o;
    }
  }
  return mdata();
}

// Names anywhere in the context; `live` holds those that render something somewhere
// (not only empty lists or false): sections on names that never render are not checked.
void collect_names(const Ctx& c, std::set<std::string>& names, std::set<std::string>& live) {
  for (const auto& [k, m] : c.members) {
    names.insert(k);
    bool empty = (m.kind == Ctx::Kind::List && m.items.empty()) || (m.kind == Ctx::Kind::Bool && !m.flag);
    if (!empty) live.insert(k);
    collect_names(m, names, live);
  }
  for (const auto& i : c.items) collect_names(i, names, live);
}

// Every {{name}}, {{{name}}}, {{&name}}, {{#name}} and {{^name}} tag must name a key the
// context has somewhere: mustache renders an unknown name as nothing, which would hide a
// typo in a template override until the bundle is deployed.
void check_names(const std::string& name, const std::string& tmpl, const Ctx& ctx) {
  std::set<std::string> names, live;
  collect_names(ctx, names, live);
  std::string skip_until;  // inside {{#x}} where x never renders: skip to {{/x}}
  std::string open = "{{", close = "}}";
  std::size_t pos = 0;
  int line = 1;
  std::size_t counted = 0;
  while ((pos = tmpl.find(open, pos)) != std::string::npos) {
    for (; counted < pos; ++counted) {
      if (tmpl[counted] == '\n') ++line;
    }
    // Triple mustache {{{x}}} closes with "}}}".
    bool triple = open == "{{" && tmpl.compare(pos, 3, "{{{") == 0;
    std::string closing = triple ? "}}}" : close;
    std::size_t end = tmpl.find(closing, pos + open.size());
    if (end == std::string::npos) break;
    std::string tag = tmpl.substr(pos + open.size(), end - pos - open.size());
    pos = end + closing.size();
    if (tag.empty()) continue;
    char sigil = tag[0];
    if (sigil == '=') {  // {{=<% %>=}}: new delimiters
      std::string inner = tag.substr(1, tag.size() >= 2 ? tag.size() - 2 : 0);
      auto b = inner.find_first_not_of(' ');
      auto sp = inner.find(' ', b);
      if (b == std::string::npos || sp == std::string::npos) continue;
      auto c = inner.find_first_not_of(' ', sp);
      auto e = inner.find_last_not_of(' ');
      open = inner.substr(b, sp - b);
      close = inner.substr(c, e - c + 1);
      continue;
    }
    if (sigil == '!' || sigil == '>') continue;
    if (sigil == '{' || sigil == '&' || sigil == '#' || sigil == '^' || sigil == '/') tag = tag.substr(1);
    auto b = tag.find_first_not_of(' ');
    auto e = tag.find_last_not_of(" }");
    if (b == std::string::npos) continue;
    tag = tag.substr(b, e - b + 1);
    if (!skip_until.empty()) {
      if (sigil == '/' && tag == skip_until) skip_until.clear();
      continue;
    }
    if (sigil == '/') continue;
    if (sigil == '#' && names.count(tag) && !live.count(tag)) {
      skip_until = tag;
      continue;
    }
    if (tag == ".") continue;
    std::string first = tag.substr(0, tag.find('.'));
    if (!names.count(first)) {
      throw InputError("templates/" + name, line, 0, "RENDER-TEMPLATE",
                       fmt::format("the template names '{}', which pwpc does not provide", tag),
                       "see docs/render.md for the variables each template gets");
    }
  }
}

// Mustache "standalone" lines: a line holding only a section, inverted-section, end or
// comment tag renders as nothing. kainjow keeps such a line as an empty line when the
// section is false, so these tags are moved onto the start of the next line before
// parsing. kainjow also drops a rendered line that is empty and held a section tag, so a
// blank line that follows such a tag gets an invisible marker, removed after rendering.
constexpr char kKeepLine = '\x01';

std::string strip_standalone(const std::string& tmpl) {
  std::string out;
  out.reserve(tmpl.size());
  std::size_t pos = 0;
  bool pending = false;  // a standalone tag was just moved onto the next line
  while (pos < tmpl.size()) {
    std::size_t end = tmpl.find('\n', pos);
    bool has_nl = end != std::string::npos;
    if (!has_nl) end = tmpl.size();
    std::string_view line(tmpl.data() + pos, end - pos);
    auto b = line.find_first_not_of(" \t");
    auto e = line.find_last_not_of(" \t\r");
    bool standalone = false;
    if (b != std::string_view::npos) {
      std::string_view t = line.substr(b, e - b + 1);
      if (t.size() > 5 && t.starts_with("{{") && t.ends_with("}}") &&
          std::string_view("#^/!").find(t[2]) != std::string_view::npos && t.find("{{", 2) == std::string_view::npos) {
        standalone = true;
        out.append(t);
        pending = true;
      }
    }
    if (!standalone) {
      if (pending && b == std::string_view::npos) out += kKeepLine;
      pending = false;
      out.append(line);
      if (has_nl) out += '\n';
    }
    pos = has_nl ? end + 1 : end;
  }
  return out;
}

}  // namespace

namespace {

// kainjow's parser keeps the inner text of every open section, so nested sections cost
// depth x size (20,000 nested sections: 5 GB). The built-in templates nest 3 deep.
void check_section_depth(const std::string& name, const std::string& tmpl) {
  constexpr int kMaxDepth = 32;
  int depth = 0;
  int line = 1;
  for (std::size_t i = 0; i + 2 < tmpl.size(); ++i) {
    if (tmpl[i] == '\n') ++line;
    if (tmpl[i] != '{' || tmpl[i + 1] != '{') continue;
    const char kind = tmpl[i + 2];
    if (kind == '#' || kind == '^') {
      if (++depth > kMaxDepth) {
        throw InputError("templates/" + name, line, 0, "RENDER-TEMPLATE",
                         fmt::format("sections nest deeper than {} levels", kMaxDepth),
                         "a template needs a few levels; check the override");
      }
    } else if (kind == '/') {
      --depth;
    }
  }
}

}  // namespace

std::string render_template(const std::string& name, const std::string& tmpl, const Ctx& ctx, Format format,
                            const std::string& profile_path) {
  check_section_depth(name, tmpl);
  kainjow::mustache::mustache m(strip_standalone(tmpl));
  if (!m.is_valid()) {
    throw InputError("templates/" + name, 0, 0, "RENDER-TEMPLATE",
                     fmt::format("the template does not parse: {}", m.error_message()),
                     "fix the template (or remove the override to use the built-in one)");
  }
  check_names(name, tmpl, ctx);
  m.set_custom_escape([](const std::string& s) { return s; });
  mdata d = to_data(ctx, format, profile_path);
  std::string out = m.render(d);
  out.erase(std::remove(out.begin(), out.end(), kKeepLine), out.end());
  if (!m.is_valid()) {
    throw InputError("templates/" + name, 0, 0, "RENDER-TEMPLATE",
                     fmt::format("the template does not render: {}", m.error_message()), "fix the template");
  }
  return out;
}

}  // namespace pwpc::render
