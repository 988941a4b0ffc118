// SEC-OPEN-INGRESS: security-group rules in CloudFormation templates that open SSH (22),
// Workbench (8787) or every port to the whole internet (0.0.0.0/0, ::/0).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "validate/rules/security_cfn.hpp"
#include "validate/rules/security_checks.hpp"

namespace pwpc::rules {
namespace {

struct Exposure {
  bool any = false;
  std::string what;  // "port 22 (SSH)", "every port", ...
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Exposure exposure(const doc::Node& root, const doc::Node& rule) {
  Exposure e;
  const doc::Node* proto_node = rule.get("IpProtocol");
  std::optional<std::string> proto = proto_node ? cfn::resolve_scalar(root, *proto_node) : std::nullopt;
  if (!proto) return e;
  std::string p = lower(*proto);
  if (p == "-1" || p == "all") {
    e.any = true;
    e.what = "every port and protocol";
    return e;
  }
  if (p != "tcp" && p != "6") return e;  // SSH and Workbench are TCP
  bool unreadable = false;               // a port that resolves to something that is not a port number
  auto port = [&](const char* key) -> std::optional<long long> {
    const doc::Node* n = rule.get(key);
    if (!n) return std::nullopt;
    auto s = cfn::resolve_scalar(root, *n);
    if (!s) return std::nullopt;
    long long v = 0;
    auto [end, ec] = std::from_chars(s->data(), s->data() + s->size(), v);
    if (ec != std::errc() || end != s->data() + s->size() || v < -1 || v > 65535) {
      unreadable = true;
      return std::nullopt;
    }
    return v;
  };
  auto from = port("FromPort"), to = port("ToPort");
  if (unreadable) {
    // Open to the world with ports nobody can read: assume the worst, and say why.
    e.any = true;
    e.what = "ports that are not port numbers (FromPort/ToPort must be -1 or 0-65535)";
    return e;
  }
  if (!from || !to) return e;
  if (*from == -1 || (*from <= 0 && *to >= 65535)) {
    e.any = true;
    e.what = "every TCP port";
    return e;
  }
  std::vector<std::string> hits;
  if (*from <= 22 && 22 <= *to) hits.emplace_back("22 (SSH)");
  if (*from <= 8787 && 8787 <= *to) hits.emplace_back("8787 (Workbench)");
  if (hits.empty()) return e;
  e.any = true;
  e.what = hits.size() == 1 ? "port " + hits[0] : "ports " + hits[0] + " and " + hits[1];
  if (*to > *from) e.what += fmt::format(" (range {}-{})", *from, *to);
  return e;
}

void check_rule(Context& ctx, const YamlFile& f, const std::string& owner, const doc::Node& rule) {
  if (!rule.is_map()) return;
  const doc::Node& root = *f.doc.root;
  for (const char* key : {"CidrIp", "CidrIpv6"}) {
    const doc::Node* cidr = rule.get(key);
    if (!cidr) continue;
    std::string via;
    auto value = cfn::resolve_scalar(root, *cidr, &via);
    if (!value || (*value != "0.0.0.0/0" && *value != "::/0")) continue;
    Exposure e = exposure(root, rule);
    if (!e.any) continue;
    std::string source = via.empty() ? *value : fmt::format("{} (the Default of parameter {})", *value, via);
    ctx.report("SEC-OPEN-INGRESS", f.source->path, cidr->mark,
               fmt::format("{} opens {} to the whole internet: {} {}", owner, e.what, key, source),
               "allow only your network's CIDR, or the load balancer's security group (SourceSecurityGroupId): "
               "users reach Workbench through the ALB on 443, administrators through SSM or a bastion");
  }
}

}  // namespace

void check_security_ingress(Context& ctx, const YamlFile& f) {
  for (const auto& r : cfn::resources(*f.doc.root)) {
    if (!r.properties) continue;
    if (r.type == "AWS::EC2::SecurityGroup") {
      const doc::Node* rules = r.properties->get("SecurityGroupIngress");
      if (!rules || !rules->is_seq()) continue;
      for (const auto& rule : rules->items) check_rule(ctx, f, "security group " + r.logical_id, *rule);
    } else if (r.type == "AWS::EC2::SecurityGroupIngress") {
      check_rule(ctx, f, "ingress rule " + r.logical_id, *r.properties);
    }
  }
}

}  // namespace pwpc::rules
