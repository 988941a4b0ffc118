#include "validate/rules/security_cfn.hpp"

#include <cctype>

namespace pwpc::rules::cfn {

std::vector<Resource> resources(const doc::Node& root) {
  std::vector<Resource> out;
  const doc::Node* res = root.get("Resources");
  if (!res || !res->is_map()) return out;
  for (const auto& e : res->entries) {
    if (!e.value || !e.value->is_map()) continue;
    Resource r;
    r.logical_id = e.key;
    r.entry = &e;
    if (const auto* t = e.value->get("Type"); t && t->is_scalar()) r.type = t->scalar;
    r.properties_entry = e.value->entry("Properties");
    if (r.properties_entry && r.properties_entry->value->is_map()) r.properties = r.properties_entry->value.get();
    out.push_back(std::move(r));
  }
  return out;
}

const doc::Node* parameter(const doc::Node& root, const std::string& name) {
  const doc::Node* params = root.get("Parameters");
  const doc::Node* p = params ? params->get(name) : nullptr;
  return p && p->is_map() ? p : nullptr;
}

namespace {
bool short_form(const doc::Node& n) { return n.tag.size() > 1 && n.tag[0] == '!' && n.tag[1] != '!'; }

// The function name and argument of a one-key long-form intrinsic ("Ref", "Fn::Sub").
const doc::Entry* long_form(const doc::Node& n) {
  if (!n.is_map() || n.entries.size() != 1) return nullptr;
  const auto& e = n.entries.front();
  return e.key == "Ref" || e.key.starts_with("Fn::") ? &e : nullptr;
}

// "!Sub" / "Fn::Sub" -> "Sub"; "" when n is no intrinsic.
std::string function_name(const doc::Node& n, const doc::Node** arg) {
  if (short_form(n)) {
    *arg = &n;
    return n.tag.substr(1);
  }
  if (const doc::Entry* e = long_form(n)) {
    *arg = e->value.get();
    return e->key == "Ref" ? "Ref" : e->key.substr(4);
  }
  return {};
}
}  // namespace

bool is_intrinsic(const doc::Node& n) { return short_form(n) || long_form(n) != nullptr; }

std::optional<std::string> ref_target(const doc::Node& n) {
  const doc::Node* arg = nullptr;
  if (function_name(n, &arg) != "Ref" || !arg->is_scalar()) return std::nullopt;
  return arg->scalar;
}

std::optional<std::string> template_text(const doc::Node& n) {
  const doc::Node* arg = nullptr;
  std::string fn = function_name(n, &arg);
  if (fn == "Sub") {
    if (arg->is_scalar()) return arg->scalar;
    if (arg->is_seq() && !arg->items.empty() && arg->items[0]->is_scalar()) return arg->items[0]->scalar;
    return std::nullopt;
  }
  if (fn == "Join" && arg->is_seq() && arg->items.size() == 2 && arg->items[1]->is_seq()) {
    std::string sep = arg->items[0]->is_scalar() ? arg->items[0]->scalar : std::string();
    std::string out;
    bool first = true;
    for (const auto& part : arg->items[1]->items) {
      if (!first) out += sep;
      first = false;
      if (part->is_scalar() && !is_intrinsic(*part)) out += part->scalar;
    }
    return out;
  }
  return std::nullopt;
}

std::optional<std::string> resolve_scalar(const doc::Node& root, const doc::Node& n, std::string* via) {
  if (n.is_scalar() && !is_intrinsic(n)) return n.scalar;
  auto target = ref_target(n);
  if (!target) return std::nullopt;
  const doc::Node* p = parameter(root, *target);
  const doc::Node* def = p ? p->get("Default") : nullptr;
  if (!def || !def->is_scalar()) return std::nullopt;
  if (via) *via = *target;
  return def->scalar;
}

std::optional<bool> resolve_bool(const doc::Node& root, const doc::Node& n, std::string* via) {
  auto s = resolve_scalar(root, n, via);
  if (!s) return std::nullopt;
  std::string l;
  for (char c : *s) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (l == "true") return true;
  if (l == "false") return false;
  return std::nullopt;
}

}  // namespace pwpc::rules::cfn
