// CFN-PROPERTIES: the properties of CloudFormation resources whose type pwpc knows
// (data/cloudformation-resources.json, from the CloudFormation resource specification):
// every property name exists for its type, required ones are present, values have the
// right kind, and documented values are valid (cloudformation_values.cpp). An intrinsic
// function stands for any value; unknown and custom types are left alone.
#include "validate/rules/cloudformation_properties.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "pwpc/schema.hpp"
#include "validate/rule_context.hpp"
#include "validate/rules/security_cfn.hpp"

namespace pwpc::rules {
namespace cfn_props {

namespace {
// The steps from the Properties down to `at`, outermost first.
std::vector<const Step*> steps(const Step* at) {
  std::vector<const Step*> v;
  for (; at; at = at->parent) v.push_back(at);
  return {v.rbegin(), v.rend()};
}
}  // namespace

std::string Site::prefix() const {
  std::string out;
  for (const Step* s : steps(at)) {
    if (s->key.empty()) {
      out += "[" + std::to_string(s->index) + "]";
    } else {
      out += (out.empty() ? "" : ".") + std::string(s->key);
    }
  }
  return out;
}

std::string Site::subject() const {
  std::string p = prefix();
  return "resource " + std::string(resource) + (p.empty() ? "" : ": " + p);
}

std::string Site::name(std::string_view property) const {
  std::string p = prefix();
  return "resource " + std::string(resource) + ": " + (p.empty() ? "" : p + ".") + std::string(property);
}

std::string Site::path(std::string_view property) const {
  std::string out = "Resources/" + std::string(resource) + "/Properties";
  for (const Step* s : steps(at)) {
    out += s->key.empty() ? "[" + std::to_string(s->index) + "]" : "/" + std::string(s->key);
  }
  if (!property.empty()) out += "/" + std::string(property);
  return out;
}

std::optional<std::string> literal_text(const doc::Node& n) {
  if (!n.is_scalar() || cfn::is_intrinsic(n)) return std::nullopt;
  return n.scalar;
}

bool integer_text(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<long long> literal_int(const doc::Node& n) {
  if (!n.is_scalar() || cfn::is_intrinsic(n)) return std::nullopt;
  const std::string& t = n.scalar;
  bool negative = !t.empty() && t[0] == '-';
  if (n.scalar_type() == doc::ScalarType::Int) {
    if (auto v = n.as_int()) return v;
    return negative ? std::numeric_limits<long long>::min() : std::numeric_limits<long long>::max();
  }
  std::string_view s = t;
  if (!integer_text(s)) return std::nullopt;
  if (s[0] == '+') s.remove_prefix(1);
  long long v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec == std::errc::result_out_of_range) {
    return negative ? std::numeric_limits<long long>::min() : std::numeric_limits<long long>::max();
  }
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string shown(const doc::Node& n) {
  if (n.is_map()) return "a mapping";
  if (n.is_seq()) return "a list";
  if (n.is_null()) return "null";
  return "\"" + n.scalar + "\"";
}

}  // namespace cfn_props

namespace {

using cfn_props::Site;
using cfn_props::Step;
using cfn_spec::Kind;

constexpr const char* kRule = "CFN-PROPERTIES";
constexpr const char* kNullHint =
    "CloudFormation refuses null values ('null' values are not allowed in templates): give it a value, or remove the "
    "key";

// The value is one CloudFormation accepts for a scalar of this kind. As CloudFormation,
// numbers and booleans may be written as strings ("20", "true").
bool scalar_fits(const doc::Node& n, Kind k) {
  switch (k) {
    case Kind::String:
    case Kind::Timestamp:
    case Kind::Json: return true;
    case Kind::Integer: {
      if (n.scalar_type() == doc::ScalarType::Float) {
        auto d = n.as_double();
        return d && std::isfinite(*d) && std::floor(*d) == *d;
      }
      return n.scalar_type() == doc::ScalarType::Int || cfn_props::integer_text(n.scalar);
    }
    case Kind::Number: {
      auto t = n.scalar_type();
      if (t == doc::ScalarType::Int || t == doc::ScalarType::Float) return true;
      double d = 0;
      const std::string& s = n.scalar;
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
      return !s.empty() && ec == std::errc() && end == s.data() + s.size();
    }
    case Kind::Boolean: {
      if (n.scalar_type() == doc::ScalarType::Bool) return true;
      std::string l;
      for (char c : n.scalar) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      return l == "true" || l == "false";
    }
    case Kind::List:
    case Kind::Map:
    case Kind::Object: return false;
  }
  return false;
}

// The two branches of `!If [condition, a, b]` / `{"Fn::If": [...]}`, or none.
std::vector<const doc::Node*> if_branches(const doc::Node& n) {
  const doc::Node* args = nullptr;
  if (n.tag == "!If") args = &n;
  if (n.is_map() && n.entries.size() == 1 && n.entries.front().key == "Fn::If") args = n.entries.front().value.get();
  if (!args || !args->is_seq() || args->items.size() != 3) return {};
  return {args->items[1].get(), args->items[2].get()};
}

class Walker {
 public:
  Walker(Context& ctx, const std::string& file) : ctx_(ctx), file_(file) {}

  void resource(const cfn::Resource& r, const cfn_spec::Shape& shape) {
    Site site{r.logical_id, nullptr, r.anchor()};
    if (r.properties_entry && !r.properties) {
      const doc::Node& p = *r.properties_entry->value;
      if (cfn::is_intrinsic(p)) return;
      report(r.properties_entry->key_mark,
             site.subject() + ": Properties " +
                 (p.is_null() ? "has no value" : "must be a mapping, not " + cfn_props::shown(p)),
             p.is_null() ? kNullHint : "Properties maps each property name to its value", site.path());
      return;
    }
    static const doc::Node empty = [] {
      doc::Node n;
      n.kind = doc::Kind::Mapping;
      return n;
    }();
    object(r.properties ? *r.properties : empty, shape, site);
  }

 private:
  void report(doc::Mark at, std::string message, std::string hint, std::string path) {
    ctx_.report(kRule, file_, at, std::move(message), std::move(hint), std::move(path));
  }

  void object(const doc::Node& n, const cfn_spec::Shape& shape, const Site& site) {
    bool transformed = false;  // Fn::Transform (AWS::Include) may supply any property
    for (const auto& e : n.entries) {
      if (e.key.starts_with("Fn::")) {
        transformed = true;
        continue;
      }
      const cfn_spec::Property* p = shape.property(e.key);
      if (!p) {
        unknown(n, e, shape, site);
        continue;
      }
      Step step{site.at, e.key, 0};
      value(*e.value, *p->type, site.resource, step, e.key_mark);
    }
    if (!transformed) {
      std::vector<std::string> missing;
      for (const auto& name : shape.required) {
        if (!n.entry(name)) missing.push_back(name);
      }
      if (!missing.empty()) {
        report(site.anchor,
               site.subject() + " (" + shape.name + ") lacks the required propert" +
                   (missing.size() == 1 ? "y " : "ies ") + join(missing),
               "CloudFormation refuses to create " + shape.name + " without " + (missing.size() == 1 ? "it" : "them"),
               site.path());
      }
    }
    cfn_props::check_values(shape, n, site, [this](doc::Mark at, std::string m, std::string h, std::string p) {
      report(at, std::move(m), std::move(h), std::move(p));
    });
  }

  void unknown(const doc::Node& n, const doc::Entry& e, const cfn_spec::Shape& shape, const Site& site) {
    std::string near = schema::closest_match(e.key, shape.names);
    std::string hint = near.empty() ? shape.name + " has " + join(shape.names) : "did you mean " + near + "?";
    if (near.empty()) {
      // "From" with no value where FromPort is missing: a key cut off mid-word.
      for (const auto& name : shape.names) {
        if (name.starts_with(e.key) && !n.entry(name)) {
          hint = "is it " + name + ", cut off (a truncated file)?";
          break;
        }
      }
    }
    report(e.key_mark, site.subject() + " (" + shape.name + ") has no property " + e.key, hint, site.path(e.key));
  }

  // n is the value at `step`, whose key is at `at`.
  void value(const doc::Node& n, const cfn_spec::Type& t, std::string_view resource, const Step& step, doc::Mark at) {
    if (cfn::is_intrinsic(n)) {
      for (const doc::Node* branch : if_branches(n)) value(*branch, t, resource, step, branch->mark);
      return;
    }
    // Spelled out only for a finding: "resource Sg: SecurityGroupIngress[0].FromPort".
    auto who = [&] { return Site{resource, &step, at}.subject(); };
    auto where = [&] { return Site{resource, &step, at}.path(); };
    if (n.is_null()) {
      report(at, who() + " has no value", kNullHint, where());
      return;
    }
    const cfn_spec::Alternative* list = nullptr;
    const cfn_spec::Alternative* map = nullptr;
    const cfn_spec::Alternative* obj = nullptr;
    for (const auto& a : t.alternatives) {
      if (a.kind == Kind::Json) return;  // any JSON value
      if (n.is_scalar() && scalar_fits(n, a.kind)) return;
      if (a.kind == Kind::List && !list) list = &a;
      if (a.kind == Kind::Map && !map) map = &a;
      if (a.kind == Kind::Object && !obj) obj = &a;
    }
    if (n.is_seq() && list) {
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        Step item{&step, {}, i};
        value(*n.items[i], *list->element, resource, item, n.items[i]->mark);
      }
      return;
    }
    if (n.is_map() && obj) {
      object(n, *obj->shape, Site{resource, &step, n.mark});
      return;
    }
    if (n.is_map() && map) {
      for (const auto& e : n.entries) {
        Step entry{&step, e.key, 0};
        value(*e.value, *map->element, resource, entry, e.key_mark);
      }
      return;
    }
    report(n.mark, who() + " must be " + cfn_spec::describe(t) + ", not " + cfn_props::shown(n),
           n.is_scalar() ? "CloudFormation converts a quoted number or true/false, but not other text"
                         : "see the property's type in the CloudFormation resource reference",
           where());
  }

  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  Context& ctx_;
  const std::string& file_;
};

// Transforms pwpc can see through: SAM rewrites only its own AWS::Serverless types, the
// language extensions add intrinsic functions. Any other macro may rewrite anything.
bool known_transforms(const doc::Node& root) {
  const doc::Node* t = root.get("Transform");
  if (!t) return true;
  auto known = [](const doc::Node& n) {
    return n.is_scalar() && (n.scalar == "AWS::Serverless-2016-10-31" || n.scalar == "AWS::LanguageExtensions");
  };
  if (t->is_seq()) {
    for (const auto& i : t->items) {
      if (!known(*i)) return false;
    }
    return true;
  }
  return known(*t);
}

void check(Context& ctx) {
  auto templates = ctx.yaml_of(FileKind::CloudFormation);
  if (templates.empty()) return;  // the specification is read only when needed
  const cfn_spec::Spec& spec = cfn_spec::spec();
  for (const auto* f : templates) {
    const doc::Node& root = *f->doc.root;
    if (!root.is_map() || !known_transforms(root)) continue;
    Walker w(ctx, f->source->path);
    for (const auto& r : cfn::resources(root)) {
      if (const cfn_spec::Shape* shape = spec.resource(r.type)) w.resource(r, *shape);
    }
  }
}

}  // namespace

const Family& cloudformation_properties_family() {
  static const Family f{
      {{kRule, "cloudformation", Severity::Error,
        "Properties of known CloudFormation resource types exist, required ones are present, values have the right "
        "kind, and documented values hold (security-group protocols and ports, RDS, load balancer and log settings)",
        "CloudFormation rejects a misspelled, missing or mistyped property only when the stack is created or updated, "
        "minutes in; a template cut off mid-resource can still be valid YAML and look complete.",
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html "
        "(types: npm @aws-cdk/aws-service-spec, data/cloudformation-resources.json)"}},
      check};
  return f;
}

}  // namespace pwpc::rules
