// CFN-PROPERTIES, the documented values: facts AWS documents about property values of
// types pwpc renders or that sit next to them, checked on literal values only.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "validate/rules/cloudformation_properties.hpp"

namespace pwpc::rules::cfn_props {
namespace {

// EC2 security-group rules (IpPermission): "The IP protocol name (tcp, udp, icmp, icmpv6) or
// number ... Use -1 to specify all protocols ... For tcp, udp, and icmp, you must specify a
// port range"; FromPort/ToPort are the start and end of the range, -1 for all ICMP types/codes.
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-securitygroup-ingress.html
//   https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html
// EC2 reads the names in any case ("TCP" reads back as "tcp":
// https://github.com/hashicorp/terraform/issues/5489) and refuses other names ("Invalid value
// 'all' for IP protocol. Unknown protocol.": https://github.com/hashicorp/terraform-provider-aws/issues/1793).
constexpr const char* kSgDoc = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html";
constexpr std::array<std::string_view, 4> kSgRuleShapes{
    "AWS::EC2::SecurityGroup.Ingress", "AWS::EC2::SecurityGroup.Egress", "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress"};

constexpr const char* kElbApi = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/";

struct Range {
  std::string_view shape, property;
  long long min, max;
  std::string_view why;  // the documented fact, with its source
};

const std::vector<Range>& ranges() {
  static const std::vector<Range> r{
      {"AWS::RDS::DBInstance", "BackupRetentionPeriod", 0, 35,
       "RDS keeps a DB instance's automated backups 0 (off) to 35 days: "
       "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"},
      {"AWS::RDS::DBCluster", "BackupRetentionPeriod", 1, 35,
       "a DB cluster keeps automated backups 1 to 35 days: "
       "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html"},
      {"AWS::ElasticLoadBalancingV2::TargetGroup", "Port", 1, 65535,
       "a target group's port is 1-65535: "
       "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html"},
      {"AWS::ElasticLoadBalancingV2::Listener", "Port", 1, 65535,
       "a listener's port is 1-65535: "
       "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html"},
      {"AWS::ElasticLoadBalancingV2::ListenerRule", "Priority", 1, 50000,
       "a listener rule's priority is 1-50000: "
       "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_RulePriorityPair.html"},
  };
  return r;
}

struct OneOf {
  std::string_view shape, property;
  std::vector<std::string_view> values;  // compared without regard to case, as the services do
  std::string_view doc;
};

const std::vector<OneOf>& enums() {
  // ProtocolEnum of Elastic Load Balancing v2 (API_TargetGroup: "Valid Values: HTTP | HTTPS |
  // TCP | TLS | UDP | TCP_UDP | GENEVE | QUIC | TCP_QUIC").
  static const std::vector<std::string_view> elb{"HTTP",    "HTTPS",  "TCP",  "TLS",     "UDP",
                                                 "TCP_UDP", "GENEVE", "QUIC", "TCP_QUIC"};
  static const std::vector<OneOf> e{
      {"AWS::ElasticLoadBalancingV2::TargetGroup", "Protocol", elb, "API_TargetGroup.html"},
      {"AWS::ElasticLoadBalancingV2::TargetGroup", "HealthCheckProtocol", elb, "API_TargetGroup.html"},
      {"AWS::ElasticLoadBalancingV2::Listener", "Protocol", elb, "API_Listener.html"},
      {"AWS::ElasticLoadBalancingV2::Listener.RedirectConfig",
       "Protocol",
       {"HTTP", "HTTPS", "#{protocol}"},
       "API_RedirectActionConfig.html"},
      {"AWS::ElasticLoadBalancingV2::ListenerRule.RedirectConfig",
       "Protocol",
       {"HTTP", "HTTPS", "#{protocol}"},
       "API_RedirectActionConfig.html"},
      {"AWS::ElasticLoadBalancingV2::Listener.RedirectConfig",
       "StatusCode",
       {"HTTP_301", "HTTP_302"},
       "API_RedirectActionConfig.html"},
      {"AWS::ElasticLoadBalancingV2::ListenerRule.RedirectConfig",
       "StatusCode",
       {"HTTP_301", "HTTP_302"},
       "API_RedirectActionConfig.html"},
  };
  return e;
}

// CloudWatch Logs retention: "Possible values are: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
// 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, and 3653."
constexpr const char* kRetentionDoc =
    "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html";
constexpr std::array<long long, 22> kRetentionDays{1,   3,   5,   7,   14,   30,   60,   90,   120,  150,  180,
                                                   365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string_view>& v) {
  std::string out;
  for (auto s : v) out += (out.empty() ? "" : ", ") + std::string(s);
  return out;
}

// A value that ends in a word a property name of the object starts with, for a property the
// object lacks: YAML folded a cut-off or colon-less key on the next line into the value.
std::string folded_hint(const std::string& value, const cfn_spec::Shape& shape, const doc::Node& object) {
  auto sp = value.find_last_of(" \t");
  if (sp == std::string::npos || sp + 1 >= value.size()) return {};
  std::string tail = value.substr(sp + 1);
  for (const auto& name : shape.names) {
    if (name.starts_with(tail) && !object.entry(name)) {
      return "YAML joined the next line \"" + tail + "\" to this value: is the key " + name +
             " cut off, or missing its colon?";
    }
  }
  return {};
}

void sg_rule(const cfn_spec::Shape& shape, const doc::Node& rule, const Site& site, const Report& report) {
  std::string proto;  // lower case, when literal and valid
  if (const doc::Entry* e = rule.entry("IpProtocol")) {
    if (auto text = literal_text(*e->value)) {
      std::string p = lower(*text);
      auto number = literal_int(*e->value);
      bool ok = p == "tcp" || p == "udp" || p == "icmp" || p == "icmpv6" || (number && *number >= -1 && *number <= 255);
      if (ok) {
        proto = p;
      } else {
        std::string hint = folded_hint(*text, shape, rule);
        if (hint.empty()) {
          hint = std::string(
                     "EC2 takes tcp, udp, icmp, icmpv6 (in any case), -1 for every protocol, or a protocol "
                     "number 0-255: ") +
                 kSgDoc;
        }
        report(e->value->mark,
               site.name("IpProtocol") + " is " + shown(*e->value) +
                   ", not a protocol: tcp, udp, icmp, icmpv6, -1 or a number 0-255",
               hint, site.path("IpProtocol"));
      }
    }
  }
  std::optional<long long> ports[2];
  const char* keys[2] = {"FromPort", "ToPort"};
  for (int i = 0; i < 2; ++i) {
    const doc::Entry* e = rule.entry(keys[i]);
    if (!e) continue;
    auto v = literal_int(*e->value);
    if (v && (*v < -1 || *v > 65535)) {
      report(e->value->mark, site.name(keys[i]) + " is " + shown(*e->value) + ", outside -1..65535",
             std::string("a port is 0-65535; -1 means every ICMP type or code: ") + kSgDoc, site.path(keys[i]));
      v.reset();
    }
    ports[i] = v;
  }
  if (proto != "tcp" && proto != "udp") return;
  std::vector<std::string_view> missing;
  for (const char* k : keys) {
    if (!rule.entry(k)) missing.emplace_back(k);
  }
  if (!missing.empty()) {
    report(
        site.anchor,
        site.subject() + " is a " + proto + " rule without " +
            (missing.size() == 2 ? "FromPort and ToPort" : std::string(missing[0])),
        std::string("EC2 needs the port range of a TCP or UDP rule, FromPort to ToPort (e.g. 443 and 443): ") + kSgDoc,
        site.path());
  } else if (ports[0] && ports[1] && *ports[0] >= 0 && *ports[1] >= 0 && *ports[0] > *ports[1]) {
    report(rule.entry("FromPort")->value->mark,
           site.subject() + " has FromPort " + std::to_string(*ports[0]) + " above ToPort " + std::to_string(*ports[1]),
           std::string("FromPort starts the port range and ToPort ends it: ") + kSgDoc, site.path("FromPort"));
  }
}

}  // namespace

void check_values(const cfn_spec::Shape& shape, const doc::Node& object, const Site& site, const Report& report) {
  const std::string& s = shape.name;
  if (std::find(kSgRuleShapes.begin(), kSgRuleShapes.end(), s) != kSgRuleShapes.end())
    sg_rule(shape, object, site, report);
  for (const auto& r : ranges()) {
    const doc::Entry* e = r.shape == s ? object.entry(r.property) : nullptr;
    auto v = e ? literal_int(*e->value) : std::nullopt;
    if (v && (*v < r.min || *v > r.max)) {
      report(e->value->mark,
             site.name(r.property) + " is " + shown(*e->value) + ", outside " + std::to_string(r.min) + "-" +
                 std::to_string(r.max),
             std::string(r.why), site.path(r.property));
    }
  }
  for (const auto& o : enums()) {
    const doc::Entry* e = o.shape == s ? object.entry(o.property) : nullptr;
    auto text = e ? literal_text(*e->value) : std::nullopt;
    if (!text) continue;
    std::string l = lower(*text);
    if (std::any_of(o.values.begin(), o.values.end(), [&](std::string_view v) { return lower(std::string(v)) == l; }))
      continue;
    report(e->value->mark, site.name(o.property) + " is " + shown(*e->value) + ", not one of " + join(o.values),
           std::string("Elastic Load Balancing: ") + kElbApi + std::string(o.doc), site.path(o.property));
  }
  if (s == "AWS::ElasticLoadBalancingV2::Listener.RedirectConfig" ||
      s == "AWS::ElasticLoadBalancingV2::ListenerRule.RedirectConfig") {
    const doc::Entry* e = object.entry("Port");
    auto text = e ? literal_text(*e->value) : std::nullopt;
    auto v = e ? literal_int(*e->value) : std::nullopt;
    if (text && *text != "#{port}" && !(v && *v >= 1 && *v <= 65535)) {
      report(e->value->mark, site.name("Port") + " is " + shown(*e->value) + ", not 1-65535 or #{port}",
             std::string("a redirect's port: ") + kElbApi + "API_RedirectActionConfig.html", site.path("Port"));
    }
  }
  if (s == "AWS::RDS::DBInstance") {
    const doc::Entry* e = object.entry("AllocatedStorage");
    auto text = e ? literal_text(*e->value) : std::nullopt;
    auto v = e ? literal_int(*e->value) : std::nullopt;
    if (text && !(v && *v > 0)) {
      report(e->value->mark, site.name("AllocatedStorage") + " is " + shown(*e->value) + ", not a whole number of GiB",
             "RDS allocates storage in whole GiB, e.g. \"20\": "
             "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
             site.path("AllocatedStorage"));
    }
  }
  if (s == "AWS::Logs::LogGroup") {
    const doc::Entry* e = object.entry("RetentionInDays");
    auto v = e ? literal_int(*e->value) : std::nullopt;
    if (v && std::find(kRetentionDays.begin(), kRetentionDays.end(), *v) == kRetentionDays.end()) {
      report(e->value->mark,
             site.name("RetentionInDays") + " is " + shown(*e->value) + ", not a retention CloudWatch Logs offers",
             std::string("1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, "
                         "3288 or 3653 days (omit it to keep events forever): ") +
                 kRetentionDoc,
             site.path("RetentionInDays"));
    }
  }
}

std::vector<std::pair<std::string, std::string>> checked_properties() {
  std::vector<std::pair<std::string, std::string>> out;
  for (auto s : kSgRuleShapes) {
    for (const char* p : {"IpProtocol", "FromPort", "ToPort"}) out.emplace_back(s, p);
  }
  for (const auto& r : ranges()) out.emplace_back(r.shape, r.property);
  for (const auto& o : enums()) out.emplace_back(o.shape, o.property);
  for (const char* s : {"AWS::ElasticLoadBalancingV2::Listener.RedirectConfig",
                        "AWS::ElasticLoadBalancingV2::ListenerRule.RedirectConfig"}) {
    out.emplace_back(s, "Port");
  }
  out.emplace_back("AWS::RDS::DBInstance", "AllocatedStorage");
  out.emplace_back("AWS::Logs::LogGroup", "RetentionInDays");
  return out;
}

}  // namespace pwpc::rules::cfn_props
