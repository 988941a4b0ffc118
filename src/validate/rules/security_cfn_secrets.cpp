// SEC-PLAINTEXT-PASSWORD: passwords written into CloudFormation templates. A password
// property (MasterUserPassword, Password, ...) must be a dynamic reference
// ({{resolve:secretsmanager:...}} or {{resolve:ssm-secure:...}}) or a Ref to a NoEcho
// parameter without a Default.
#include <fmt/format.h>

#include <cctype>

#include "validate/rules/security_cfn.hpp"
#include "validate/rules/security_checks.hpp"

namespace pwpc::rules {
namespace {

const std::string kHint =
    "use a dynamic reference, e.g. '{{resolve:secretsmanager:<secret-arn>:SecretString:password}}', "
    "ManageMasterUserPassword: true (RDS), or a Ref to a NoEcho parameter";

bool dynamic_reference(const std::string& s) {
  return s.find("{{resolve:secretsmanager:") != std::string::npos ||
         s.find("{{resolve:ssm-secure:") != std::string::npos;
}

// MasterUserPassword, Password, AdminPassword, DBPassword, ... (not PasswordSecretArn).
bool names_password(std::string_view key) {
  std::string l;
  for (char c : key) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return l.ends_with("password");
}

void check_value(Context& ctx, const YamlFile& f, const std::string& where, const doc::Entry& e) {
  const doc::Node& v = *e.value;
  const doc::Node& root = *f.doc.root;
  if (v.is_scalar() && !cfn::is_intrinsic(v)) {
    if (v.scalar_type() != doc::ScalarType::String || v.scalar.empty() || dynamic_reference(v.scalar)) return;
    ctx.report("SEC-PLAINTEXT-PASSWORD", f.source->path, v.mark,
               fmt::format("{}/{} is a password written into the template", where, e.key), kHint);
    return;
  }
  if (auto target = cfn::ref_target(v)) {
    const doc::Node* p = cfn::parameter(root, *target);
    if (!p) return;  // a Ref to a resource (e.g. a secret) is not a literal
    const doc::Node* no_echo = p->get("NoEcho");
    std::optional<bool> hidden = no_echo ? cfn::resolve_bool(root, *no_echo) : std::nullopt;
    if (hidden.value_or(false)) return;
    ctx.report("SEC-PLAINTEXT-PASSWORD", f.source->path, v.mark,
               fmt::format("{}/{} takes parameter {}, which is not NoEcho: the password shows in the console, "
                           "describe-stacks and the stack events",
                           where, e.key, *target),
               "set NoEcho: true on the parameter, or " + kHint);
    return;
  }
  if (auto text = cfn::template_text(v)) {
    if (dynamic_reference(*text) || text->find("${") != std::string::npos || text->empty()) return;
    ctx.report("SEC-PLAINTEXT-PASSWORD", f.source->path, v.mark,
               fmt::format("{}/{} builds a password from literal text", where, e.key), kHint);
  }
}

void walk(Context& ctx, const YamlFile& f, const std::string& where, const doc::Node& n, int depth) {
  if (depth > 64) return;
  if (n.is_map()) {
    for (const auto& e : n.entries) {
      if (!e.value) continue;
      // A password's value: a scalar, or an intrinsic function (a one-key mapping or a tagged
      // collection); any other collection is walked (e.g. a list of users with passwords).
      const bool value_like = (!e.value->is_map() && !e.value->is_seq()) || cfn::is_intrinsic(*e.value);
      if (names_password(e.key) && value_like) {
        check_value(ctx, f, where, e);
      } else {
        walk(ctx, f, where + "/" + e.key, *e.value, depth + 1);
      }
    }
  } else if (n.is_seq()) {
    for (std::size_t i = 0; i < n.items.size(); ++i) {
      walk(ctx, f, fmt::format("{}[{}]", where, i), *n.items[i], depth + 1);
    }
  }
}

void check_parameters(Context& ctx, const YamlFile& f) {
  const doc::Node* params = f.doc.root->get("Parameters");
  if (!params || !params->is_map()) return;
  for (const auto& p : params->entries) {
    if (!names_password(p.key) || !p.value || !p.value->is_map()) continue;
    const doc::Node* def = p.value->get("Default");
    if (!def || !def->is_scalar() || def->scalar.empty()) continue;
    ctx.report("SEC-PLAINTEXT-PASSWORD", f.source->path, def->mark,
               fmt::format("parameter {} has a Default: the password is written into the template", p.key),
               "remove the Default and keep the password in AWS Secrets Manager; " + kHint);
  }
}

}  // namespace

void check_security_secrets(Context& ctx, const YamlFile& f) {
  check_parameters(ctx, f);
  for (const auto& r : cfn::resources(*f.doc.root)) {
    if (r.properties) walk(ctx, f, r.logical_id, *r.properties, 0);
  }
}

}  // namespace pwpc::rules
