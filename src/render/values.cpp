// Resolving the IDs a bundle needs. IDs are never invented: each comes from the profile,
// from `aws cloudformation describe-stacks` outputs, or is reported missing.
#include "render/values.hpp"

#include <fmt/format.h>

#include "render/render_internal.hpp"

namespace pwpc::render {
namespace {

struct Resolver {
  const RenderOptions& opts;
  Values& v;

  // profile_value wins; else the first output key present; else missing.
  std::string get(const std::string& key, const std::string& profile_value, const std::string& profile_key,
                  const std::vector<std::string>& output_keys, const std::string& produced_by) {
    if (!profile_value.empty()) return profile_value;
    for (const auto& k : output_keys) {
      auto it = opts.stack_outputs.find(k);
      if (it != opts.stack_outputs.end() && !it->second.empty()) return it->second;
    }
    std::string where;
    if (!profile_key.empty()) where = "profile key " + profile_key;
    if (!output_keys.empty()) {
      std::string keys;
      for (const auto& k : output_keys) keys += (keys.empty() ? "" : " or ") + k;
      where += fmt::format("{}--stack-outputs OutputKey {} ({})", where.empty() ? "" : ", or ", keys, produced_by);
    }
    v.missing.push_back(fmt::format("{}: {}", key, where));
    return placeholder(key);
  }
};

std::vector<std::string> split_csv(const std::string& s) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find(',', pos);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(pos, end - pos);
    auto b = item.find_first_not_of(' ');
    auto e = item.find_last_not_of(' ');
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    pos = end + 1;
  }
  return out;
}

}  // namespace

std::string managed_parent_image(const std::string& os, const std::string& region) {
  // AWS-managed EC2 Image Builder images (owner "aws"); pcluster build-image accepts an
  // image ARN as Build/ParentImage (https://docs.aws.amazon.com/parallelcluster/latest/ug/Build-v3.html).
  std::string name;
  if (os == "ubuntu2004")
    name = "ubuntu-server-20-lts-x86";
  else if (os == "ubuntu2204")
    name = "ubuntu-server-22-lts-x86";
  else if (os == "ubuntu2404")
    name = "ubuntu-server-24-lts-x86";
  else if (os == "rhel8")
    name = "red-hat-enterprise-linux-8-x86";
  else if (os == "rhel9")
    name = "red-hat-enterprise-linux-9-x86";
  if (name.empty() || region.empty()) return {};
  // The partition of the region: aws-cn in China, aws-us-gov in GovCloud, aws elsewhere
  // (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
  std::string partition = region.starts_with("cn-") ? "aws-cn" : region.starts_with("us-gov-") ? "aws-us-gov" : "aws";
  return fmt::format("arn:{}:imagebuilder:{}:aws:image/{}/x.x.x", partition, region, name);
}

Values resolve_values(const Plan& plan, const RenderOptions& opts) {
  const Profile& p = plan.profile;
  Values v;
  Resolver r{opts, v};
  const std::string net = "your network stack";
  const std::string dir = "your directory stack, e.g. aws-hpc-recipes dir/demo_managed_ad";
  const std::string pwpc_stack = "the stack of cloudformation/infrastructure.yaml";

  v.vpc_id = r.get("VpcId", p.network.vpc_id, "network.vpc_id", {"VpcId"}, net);
  v.subnet_id = r.get("SubnetId", p.network.subnet_id, "network.subnet_id", {"SubnetId", "PublicSubnetId"}, net);
  std::string lb_csv;
  for (const auto& s : p.network.load_balancer_subnet_ids) lb_csv += (lb_csv.empty() ? "" : ",") + s;
  std::string lb = r.get("LoadBalancerSubnetIds", lb_csv, "network.load_balancer_subnet_ids",
                         {"LoadBalancerSubnetIds", "PublicSubnetIds"}, net);
  v.lb_subnet_ids = split_csv(lb);
  v.certificate_arn = r.get("CertificateArn", p.workbench.tls_certificate_arn, "workbench.tls_certificate_arn",
                            {"CertificateArn"}, "an ACM certificate for workbench.hostname");
  v.hostname = r.get("WorkbenchHostname", p.workbench.hostname, "workbench.hostname", {}, "");

  v.domain_name = r.get("DomainName", p.directory.domain_name, "directory.domain_name", {"DomainName"}, dir);
  v.domain_addr =
      r.get("DomainAddr", p.directory.domain_addr, "directory.domain_addr", {"DomainAddr", "DomainAddrLdaps"}, dir);
  v.directory_secret_arn =
      r.get("DirectoryPasswordSecretArn", p.directory.password_secret_arn, "directory.password_secret_arn",
            {"DirectoryPasswordSecretArn", "PasswordSecretArn"}, dir);
  v.read_only_user = r.get("DomainReadOnlyUser", p.directory.read_only_user, "directory.read_only_user",
                           {"DomainReadOnlyUser", "DomainServiceAccount"}, dir);

  std::size_t before = v.missing.size();
  auto out = [&](const std::string& key) { return r.get(key, "", "", {key}, pwpc_stack); };
  v.home_fs_id = out("HomeFileSystemId");
  v.rstudio_efs_id = out("RStudioEfsId");
  v.workbench_db_endpoint = out("WorkbenchDbEndpoint");
  v.workbench_db_secret_arn = out("WorkbenchDbSecretArn");
  v.slurm_db_endpoint = out("SlurmDbEndpoint");
  v.slurm_db_secret_arn = out("SlurmDbSecretArn");
  v.cluster_nodes_sg = out("ClusterNodesSecurityGroupId");
  v.head_node_sg = out("HeadNodeSecurityGroupId");
  v.login_nodes_sg = out("LoginNodesSecurityGroupId");
  v.target_group_arn = out("TargetGroupArn");
  v.lb_dns_name = out("LoadBalancerDnsName");
  v.artifact_bucket = out("ArtifactBucketName");
  v.artifact_read_policy_arn = out("ArtifactReadPolicyArn");
  v.workbench_secret_policy_arn = out("WorkbenchSecretReadPolicyArn");
  v.stack_missing = v.missing.size() != before;

  before = v.missing.size();
  v.custom_ami = r.get("CustomAmi", p.image.custom_ami, "image.custom_ami", {}, "");
  if (v.missing.size() != before) {
    v.missing.back() =
        "CustomAmi: profile key image.custom_ami (the AMI that `pcluster build-image` makes from "
        "parallelcluster/image-config.yaml; see DEPLOY.md)";
    v.ami_missing = true;
  }
  std::string managed = managed_parent_image(p.cluster.os, p.cluster.region);
  v.parent_image =
      r.get("ParentImage", p.image.parent_image.empty() ? managed : p.image.parent_image, "image.parent_image", {}, "");
  return v;
}

}  // namespace pwpc::render

namespace pwpc {

const std::vector<StackOutputKey>& stack_output_keys() {
  static const std::vector<StackOutputKey> keys{
      {"VpcId", "the stack parameter VpcId (security groups, target group)", "your network stack"},
      {"SubnetId", "HeadNode, LoginNodes and queue SubnetIds; FSx, EFS mount target (PublicSubnetId accepted too)",
       "your network stack"},
      {"LoadBalancerSubnetIds", "the ALB's subnets (two AZs; comma-separated; PublicSubnetIds accepted too)",
       "your network stack"},
      {"CertificateArn", "the ALB's HTTPS listener", "your ACM certificate"},
      {"DomainName", "DirectoryService/DomainName", "your directory stack"},
      {"DomainAddr", "DirectoryService/DomainAddr (DomainAddrLdaps accepted too)", "your directory stack"},
      {"DirectoryPasswordSecretArn", "DirectoryService/PasswordSecretArn (PasswordSecretArn accepted too)",
       "your directory stack"},
      {"DomainReadOnlyUser", "DirectoryService/DomainReadOnlyUser (DomainServiceAccount accepted too)",
       "your directory stack"},
      {"HomeFileSystemId", "SharedStorage /home FsxLustreSettings/FileSystemId", "cloudformation/infrastructure.yaml"},
      {"RStudioEfsId", "SharedStorage /opt/rstudio EfsSettings/FileSystemId", "cloudformation/infrastructure.yaml"},
      {"WorkbenchDbEndpoint", "workbench/database.conf connection-uri host", "cloudformation/infrastructure.yaml"},
      {"WorkbenchDbSecretArn", "workbench/database-secret.env (read at boot into WORKBENCH_POSTGRES_PASSWORD)",
       "cloudformation/infrastructure.yaml"},
      {"SlurmDbEndpoint", "Scheduling/SlurmSettings/Database/Uri", "cloudformation/infrastructure.yaml"},
      {"SlurmDbSecretArn", "Scheduling/SlurmSettings/Database/PasswordSecretArn", "cloudformation/infrastructure.yaml"},
      {"ClusterNodesSecurityGroupId", "AdditionalSecurityGroups of head, login and compute nodes",
       "cloudformation/infrastructure.yaml"},
      {"HeadNodeSecurityGroupId", "HeadNode AdditionalSecurityGroups (MySQL access)",
       "cloudformation/infrastructure.yaml"},
      {"LoginNodesSecurityGroupId", "LoginNodes AdditionalSecurityGroups (PostgreSQL access, ALB to 8787)",
       "cloudformation/infrastructure.yaml"},
      {"TargetGroupArn", "DEPLOY.md: attaching the login nodes to the ALB", "cloudformation/infrastructure.yaml"},
      {"LoadBalancerDnsName", "DEPLOY.md: the DNS record for workbench.hostname", "cloudformation/infrastructure.yaml"},
      {"ArtifactBucketName", "image-config component URL, head-node custom action, Workbench config upload",
       "cloudformation/infrastructure.yaml"},
      {"ArtifactReadPolicyArn", "image-config Build/Iam and HeadNode Iam AdditionalIamPolicies",
       "cloudformation/infrastructure.yaml"},
      {"WorkbenchSecretReadPolicyArn", "LoginNodes Iam AdditionalIamPolicies", "cloudformation/infrastructure.yaml"},
  };
  return keys;
}

}  // namespace pwpc
