#include "validate/rules/parallelcluster_model.hpp"

#include <cctype>
#include <cmath>

namespace pwpc::rules::pc {
namespace {

bool is_null_scalar(const doc::Node& n) { return n.is_scalar() && n.scalar_type() == doc::ScalarType::Null; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Python int(str): optional sign, decimal digits, single underscores between digits.
std::optional<long long> python_int(std::string_view s) {
  s = trim(s);
  bool neg = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s.front())) ||
      !std::isdigit(static_cast<unsigned char>(s.back()))) {
    return std::nullopt;
  }
  long long v = 0;
  char prev = 0;
  for (char c : s) {
    if (c == '_') {
      if (prev == '_') return std::nullopt;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      if (v > (9'000'000'000'000'000'000LL - (c - '0')) / 10) return std::nullopt;
      v = v * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
    prev = c;
  }
  return neg ? -v : v;
}

}  // namespace

bool At::present() const { return node && !node->is_null() && !is_null_scalar(*node); }

At At::operator[](std::string_view key) const {
  At out;
  out.path = path.empty() ? std::string(key) : path + "/" + std::string(key);
  out.mark = mark;
  if (!node || !node->is_map()) return out;
  const doc::Entry* e = node->entry(key);
  if (!e || !e->value) return out;
  out.node = e->value.get();
  out.mark = out.node->is_scalar() && !is_null_scalar(*out.node) ? out.node->mark : e->key_mark;
  return out;
}

At At::at(std::initializer_list<std::string_view> keys) const {
  At cur = *this;
  for (auto k : keys) cur = cur[k];
  return cur;
}

std::vector<At> At::items() const {
  std::vector<At> out;
  if (!node || !node->is_seq()) return out;
  out.reserve(node->items.size());
  for (std::size_t i = 0; i < node->items.size(); ++i) {
    const auto& it = node->items[i];
    if (!it) continue;
    out.push_back(At{it.get(), path + "[" + std::to_string(i) + "]", it->mark});
  }
  return out;
}

std::vector<Field> At::fields() const {
  std::vector<Field> out;
  if (!node || !node->is_map()) return out;
  for (const auto& e : node->entries) {
    if (!e.value) continue;
    At v;
    v.node = e.value.get();
    v.path = path.empty() ? e.key : path + "/" + e.key;
    v.mark = v.node->is_scalar() && !is_null_scalar(*v.node) ? v.node->mark : e.key_mark;
    out.push_back(Field{e.key, e.key_mark, std::move(v)});
  }
  return out;
}

std::optional<std::string> At::str() const {
  if (!present() || !node->is_scalar()) return std::nullopt;
  return node->scalar;
}

std::optional<std::string> At::string() const {
  if (!present() || !node->is_scalar() || node->scalar_type() != doc::ScalarType::String) return std::nullopt;
  return node->scalar;
}

std::optional<long long> At::integer() const {
  if (!present() || !node->is_scalar()) return std::nullopt;
  switch (node->scalar_type()) {
    case doc::ScalarType::Int: return node->as_int();
    case doc::ScalarType::Float: {
      auto d = node->as_double();
      if (!d || !std::isfinite(*d) || std::fabs(*d) > 9e18) return std::nullopt;
      return static_cast<long long>(std::trunc(*d));
    }
    case doc::ScalarType::String: return python_int(node->scalar);
    default: return std::nullopt;
  }
}

std::optional<double> At::number() const {
  if (!present() || !node->is_scalar()) return std::nullopt;
  switch (node->scalar_type()) {
    case doc::ScalarType::Int:
    case doc::ScalarType::Float: return node->as_double();
    case doc::ScalarType::String: {
      std::string t(trim(node->scalar));
      if (t.empty()) return std::nullopt;
      char* end = nullptr;
      double d = std::strtod(t.c_str(), &end);
      if (end != t.c_str() + t.size()) return std::nullopt;
      return d;
    }
    default: return std::nullopt;
  }
}

std::optional<bool> At::boolean() const {
  if (!present() || !node->is_scalar()) return std::nullopt;
  switch (node->scalar_type()) {
    case doc::ScalarType::Bool: return node->as_bool();
    case doc::ScalarType::Int: {
      auto i = node->as_int();
      if (i == 1) return true;
      if (i == 0) return false;
      return std::nullopt;
    }
    case doc::ScalarType::String: {
      static const std::vector<std::string_view> yes{"t",  "T", "true", "True", "TRUE", "on",  "On",
                                                     "ON", "y", "Y",    "yes",  "Yes",  "YES", "1"};
      static const std::vector<std::string_view> no{"f",   "F", "false", "False", "FALSE", "off", "Off",
                                                    "OFF", "n", "N",     "no",    "No",    "NO",  "0"};
      for (auto s : yes) {
        if (node->scalar == s) return true;
      }
      for (auto s : no) {
        if (node->scalar == s) return false;
      }
      return std::nullopt;
    }
    default: return std::nullopt;
  }
}

bool At::truthy() const {
  if (!present()) return false;
  if (node->is_map()) return !node->entries.empty();
  if (node->is_seq()) return !node->items.empty();
  switch (node->scalar_type()) {
    case doc::ScalarType::Bool: return node->as_bool().value_or(false);
    case doc::ScalarType::Int: return node->as_int().value_or(1) != 0;
    case doc::ScalarType::Float: return node->as_double().value_or(1.0) != 0.0;
    case doc::ScalarType::Null: return false;
    case doc::ScalarType::String: return !node->scalar.empty();
  }
  return false;
}

At Cluster::queues_node() const { return root.at({"Scheduling", batch() ? "AwsBatchQueues" : "SlurmQueues"}); }

bool Cluster::has_database() const { return slurm() && slurm_settings()["Database"].is_map(); }

void Cluster::report(std::string_view rule, const At& where, std::string message, std::string hint) const {
  ctx->report(rule, file->doc.path, where.mark, std::move(message), std::move(hint), where.path);
}

void Cluster::report(std::string_view rule, Severity sev, const At& where, std::string message,
                     std::string hint) const {
  ctx->report(rule, sev, file->doc.path, where.mark, std::move(message), std::move(hint), where.path);
}

namespace {
void for_each_of(Context& ctx, FileKind kind, const std::function<void(const Cluster&)>& f) {
  for (const auto* y : ctx.yaml_of(kind)) {
    if (!y->doc.root || !y->doc.root->is_map()) continue;
    Cluster c;
    c.ctx = &ctx;
    c.file = y;
    c.root = At{y->doc.root.get(), "", y->doc.root->mark};
    c.scheduler = c.root.at({"Scheduling", "Scheduler"}).str().value_or("");
    c.os = c.root.at({"Image", "Os"}).str().value_or("");
    auto r = c.root["Region"].str();
    c.region = r && !r->empty() ? *r : ctx.options().region;
    f(c);
  }
}
}  // namespace

void for_each_cluster(Context& ctx, const std::function<void(const Cluster&)>& f) {
  for_each_of(ctx, FileKind::ClusterConfig, f);
}

void for_each_image(Context& ctx, const std::function<void(const Cluster&)>& f) {
  for_each_of(ctx, FileKind::ImageConfig, f);
}

RuleInfo rule(std::string id, Severity sev, std::string summary, std::string rationale, std::string source) {
  return RuleInfo{std::move(id), "parallelcluster", sev, std::move(summary), std::move(rationale), std::move(source)};
}

std::string q(std::string_view s) {
  if (s.size() <= 80) return "'" + std::string(s) + "'";
  std::size_t cut = 80;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole UTF-8 characters
  return "'" + std::string(s.substr(0, cut)) + "...' (" + std::to_string(s.size()) + " bytes)";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

std::string_view strip_final_newline(std::string_view s) {
  if (!s.empty() && s.back() == '\n') s.remove_suffix(1);
  return s;
}

namespace {
// urlsplit's preprocessing: leading C0 controls and spaces go, tabs and newlines anywhere.
std::string url_clean(std::string_view url) {
  while (!url.empty() && static_cast<unsigned char>(url.front()) <= 0x20) url.remove_prefix(1);
  std::string out;
  for (char c : url) {
    if (c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}
bool scheme_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.'; }
}  // namespace

UrlParts url_split(std::string_view raw) {
  UrlParts p;
  std::string url = url_clean(raw);
  std::string_view rest = url;
  auto colon = rest.find(':');
  if (colon != std::string_view::npos && colon > 0 && static_cast<unsigned char>(rest[0]) < 0x80 &&
      std::isalpha(static_cast<unsigned char>(rest[0]))) {
    bool ok = true;
    for (std::size_t i = 0; i < colon; ++i) ok = ok && scheme_char(rest[i]);
    if (ok) {
      for (std::size_t i = 0; i < colon; ++i)
        p.scheme.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i]))));
      rest.remove_prefix(colon + 1);
    }
  }
  if (rest.starts_with("//")) {
    rest.remove_prefix(2);
    auto end = rest.find_first_of("/?#");
    p.netloc = std::string(rest.substr(0, end));
  }
  std::string_view host = p.netloc;
  if (auto at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (host.find('[') != std::string_view::npos) {
    auto close = host.find(']');
    std::string_view after = close == std::string_view::npos ? std::string_view{} : host.substr(close + 1);
    if (after.starts_with(":")) p.port_text = std::string(after.substr(1));
    p.has_port = !p.port_text.empty();
  } else if (auto c = host.find(':'); c != std::string_view::npos) {
    p.port_text = std::string(host.substr(c + 1));
    p.has_port = !p.port_text.empty();
  }
  return p;
}

std::string url_scheme(std::string_view url) { return url_split(url).scheme; }

}  // namespace pwpc::rules::pc
