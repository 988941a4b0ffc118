// Shapes of the stack outputs pwpc reads. The ID formats are those AWS documents for
// each resource: 8 or 17 hexadecimal digits after the prefix
// (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html), ARNs as in
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html, bucket names as in
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, DNS names as
// in RFC 1035 (253 characters, labels of 63). The length is checked before the pattern so
// that no regular expression ever runs over a long value.
#include "render/output_shapes.hpp"

#include <regex>
#include <vector>

#include <fmt/format.h>

namespace pwpc::render {
namespace {

struct Shape {
  std::vector<std::string_view> keys;  // the output key and the aliases values.cpp accepts
  std::string_view what;               // "a VPC ID"
  std::string_view looks_like;         // "vpc- followed by 8 or 17 hexadecimal digits"
  std::size_t max_length;
  std::regex pattern;
};

const std::vector<Shape>& shapes() {
  static const std::vector<Shape> all = [] {
    const std::string hex_id = "([0-9a-f]{8}|[0-9a-f]{17})";
    const std::string arn = "arn:aws[a-z-]*";  // aws, aws-cn, aws-us-gov
    const std::string label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    const std::string dns_name = label + "(\\." + label + ")+";
    const std::string ldap_addr = "(ldaps?://)?" + label + "(\\." + label + ")*(:[0-9]{1,5})?";
    const std::string subnet = "subnet-" + hex_id;
    std::vector<Shape> s;
    auto add = [&s](std::vector<std::string_view> keys, std::string_view what, std::string_view looks_like,
                    std::size_t max_length, const std::string& pattern) {
      s.push_back(Shape{std::move(keys), what, looks_like, max_length,
                        std::regex("^(" + pattern + ")$", std::regex::ECMAScript | std::regex::optimize)});
    };
    add({"VpcId"}, "a VPC ID", "vpc- followed by 8 or 17 hexadecimal digits", 21, "vpc-" + hex_id);
    add({"SubnetId", "PublicSubnetId"}, "a subnet ID", "subnet- followed by 8 or 17 hexadecimal digits", 24, subnet);
    add({"LoadBalancerSubnetIds", "PublicSubnetIds"}, "a comma-separated list of subnet IDs",
        "subnet-0123456789abcdef0,subnet-0123456789abcdef1", 1024, subnet + "( *, *" + subnet + ")*");
    add({"CertificateArn"}, "an ACM certificate ARN", "arn:aws:acm:REGION:ACCOUNT:certificate/ID", 2048,
        arn + ":acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+");
    add({"DomainName"}, "a domain name", "corp.example.com", 253, dns_name);
    add({"DomainAddr", "DomainAddrLdaps"}, "one or more directory addresses",
        "ldaps://corp.example.com (several separated by commas)", 2048, ldap_addr + "(," + ldap_addr + ")*");
    add({"DirectoryPasswordSecretArn", "PasswordSecretArn"}, "a Secrets Manager secret or SSM parameter ARN",
        "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME", 2048,
        arn +
            ":(secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:|ssm:[a-z0-9-]+:[0-9]{12}:parameter/)"
            "[A-Za-z0-9/_+=.@-]+");
    add({"DomainReadOnlyUser", "DomainServiceAccount"}, "an LDAP distinguished name",
        "cn=ReadOnlyUser,ou=Users,ou=CORP,dc=corp,dc=example,dc=com", 1024,
        "[A-Za-z][A-Za-z0-9.-]*=[^\\x00-\\x1f\\x7f]*");
    add({"HomeFileSystemId", "RStudioEfsId"}, "a file system ID", "fs- followed by 8 or 17 hexadecimal digits", 20,
        "fs-" + hex_id);
    add({"WorkbenchDbEndpoint", "SlurmDbEndpoint", "LoadBalancerDnsName"}, "a DNS name",
        "name.abc123.us-east-1.rds.amazonaws.com", 253, dns_name);
    add({"WorkbenchDbSecretArn", "SlurmDbSecretArn"}, "a Secrets Manager secret ARN",
        "arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME", 2048,
        arn + ":secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+");
    add({"ClusterNodesSecurityGroupId", "HeadNodeSecurityGroupId", "LoginNodesSecurityGroupId"}, "a security group ID",
        "sg- followed by 8 or 17 hexadecimal digits", 20, "sg-" + hex_id);
    add({"TargetGroupArn"}, "a target group ARN", "arn:aws:elasticloadbalancing:REGION:ACCOUNT:targetgroup/NAME/ID",
        2048, arn + ":elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-z]+");
    add({"ArtifactBucketName"}, "an S3 bucket name", "3 to 63 lowercase letters, digits, dots and hyphens", 63,
        "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    add({"ArtifactReadPolicyArn", "WorkbenchSecretReadPolicyArn"}, "an IAM managed policy ARN",
        "arn:aws:iam::ACCOUNT:policy/NAME", 2048, arn + ":iam::[0-9]{12}:policy/[A-Za-z0-9_+=,.@/-]+");
    return s;
  }();
  return all;
}

const Shape* shape_of(std::string_view key) {
  for (const auto& s : shapes()) {
    for (auto k : s.keys) {
      if (k == key) return &s;
    }
  }
  return nullptr;
}

// A short, printable quotation of a value for a message.
std::string quote(std::string_view v) {
  std::string out;
  for (char c : v.substr(0, 60)) {
    auto u = static_cast<unsigned char>(c);
    out += u < 0x20 || u == 0x7f ? fmt::format("\\x{:02x}", u) : std::string(1, c);
  }
  return "'" + out + (v.size() > 60 ? "...'" : "'");
}

}  // namespace

bool output_has_shape(std::string_view key) { return shape_of(key) != nullptr; }

std::optional<ShapeProblem> output_value_problem(std::string_view key, std::string_view value) {
  const Shape* s = shape_of(key);
  if (!s) return std::nullopt;
  std::string hint = fmt::format(
      "{} looks like {}; check that the file is the describe-stacks output of the "
      "right stack",
      s->what, s->looks_like);
  // A value a little too long gets the same message as any other misshapen one; only a
  // long one is described by its length instead of being quoted.
  if (value.size() > s->max_length && value.size() > 200) {
    return ShapeProblem{fmt::format("stack output {} is {} characters long, too long for {} (at most {})", key,
                                    value.size(), s->what, s->max_length),
                        hint};
  }
  if (value.size() > s->max_length || !std::regex_match(value.begin(), value.end(), s->pattern)) {
    return ShapeProblem{fmt::format("stack output {} {} is not {}", key, quote(value), s->what), hint};
  }
  return std::nullopt;
}

}  // namespace pwpc::render
