// Which IDs and names a bundle needs, and where each one comes from: the profile, a
// stack output (--stack-outputs), or a documented placeholder (--allow-placeholders).
#pragma once

#include <string>
#include <vector>

#include "pwpc/render.hpp"

namespace pwpc::render {

struct Values {
  // From the network (profile network.* or a network stack's outputs).
  std::string vpc_id, subnet_id;
  std::vector<std::string> lb_subnet_ids;
  std::string certificate_arn, hostname;
  // Image.
  std::string custom_ami, parent_image;
  // Directory (profile directory.* or a directory stack's outputs).
  std::string domain_name, domain_addr, directory_secret_arn, read_only_user;
  // Outputs of cloudformation/infrastructure.yaml.
  std::string home_fs_id, rstudio_efs_id, workbench_db_endpoint, workbench_db_secret_arn, slurm_db_endpoint,
      slurm_db_secret_arn, cluster_nodes_sg, head_node_sg, login_nodes_sg, target_group_arn, lb_dns_name,
      artifact_bucket, artifact_read_policy_arn, workbench_secret_policy_arn;

  // Missing values: "Key: where it can come from" (also Bundle::placeholders).
  std::vector<std::string> missing;
  bool stack_missing = false;  // some output of the pwpc stack is missing
  bool ami_missing = false;
};

// Resolves every value; never invents one. Records what is missing (the caller decides
// between an InputError and placeholders).
Values resolve_values(const Plan& plan, const RenderOptions& opts);

// The Image Builder managed parent image for an OS ("" when AWS publishes none).
std::string managed_parent_image(const std::string& os, const std::string& region);

}  // namespace pwpc::render
