// The team profile (profile.yaml, apiVersion pwpc/v1): what an admin writes. Loaded from
// YAML, checked against schemas/profile.schema.json, then against cross-field rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pwpc/document.hpp"
#include "pwpc/version.hpp"

namespace pwpc {

struct Workload {
  std::string name;       // becomes the Slurm queue name: ^[a-z][a-z0-9-]*$, <= 25
  double share = 0;       // fraction of peak sessions
  int cpus = 1;           // per session
  double memory_gib = 1;  // per session
  int gpus = 0;           // per session
  doc::Mark mark;         // where the workload is declared
};

struct Profile {
  std::string path;  // the file it came from (for headers and diagnostics)
  std::string api_version = "pwpc/v1";

  struct Cluster {
    std::string name;
    std::string region;
    Version parallelcluster_version{3, 14, 0};
    std::string os = "ubuntu2204";         // ParallelCluster Image/Os
    std::string head_node_instance_type;   // empty = sizing decides (tested t2.xlarge)
    std::string login_node_instance_type;  // empty = sizing decides (tested t2.xlarge)
    std::vector<std::pair<std::string, std::string>> tags;
  } cluster;

  struct Users {
    long long concurrent = 0;
    long long named = 0;  // defaults to concurrent
    double sessions_per_user = 2.0;
  } users;

  std::vector<Workload> workloads;

  struct Storage {
    double home_gib_per_user = 10;
    std::string home_deployment_type = "PERSISTENT_2";
    int home_throughput_per_tib = 125;  // MB/s/TiB; PERSISTENT_* only
  } storage;

  // IDs that exist only once the infrastructure does. Empty = unknown (fine for plan;
  // render takes them from --stack-outputs or stops, unless --allow-placeholders).
  struct Network {
    std::string vpc_id;
    std::string subnet_id;                              // the cluster's single subnet (head, login, compute)
    std::vector<std::string> load_balancer_subnet_ids;  // >= 2 AZs for the ALB
    std::string ssh_key_name;
    std::string allowed_cidr = "10.0.0.0/8";  // who may reach the ALB and SSH
  } network;

  struct Image {
    std::string custom_ami;    // ami-...; produced by pcluster build-image
    std::string parent_image;  // base for build-image; empty = ParallelCluster's official AMI
    std::string build_instance_type = "c5.xlarge";
  } image;

  struct Directory {
    std::string domain_name;          // dc=corp,dc=example,dc=com or corp.example.com
    std::string domain_addr;          // ldaps://...
    std::string password_secret_arn;  // arn:aws:secretsmanager:...
    std::string read_only_user;       // cn=ReadOnly,ou=Users,...
    std::string admin_group = "rstudio-admins";
  } directory;

  struct WorkbenchSettings {
    std::string version = "2025.09.1+401.pro2";
    std::vector<std::string> r_versions{"4.5.1", "4.4.3"};
    std::vector<std::string> python_versions{"3.12.11", "3.11.13"};
    bool jupyter = true;
    bool vscode = true;
    bool positron = false;
    std::string hostname;             // public DNS name users browse to
    std::string tls_certificate_arn;  // ACM certificate for the ALB's HTTPS listener
  } workbench;

  struct Pricing {
    double compute_hours_per_month = 176;  // hours at peak per month (22 days x 8 h)
  } pricing;
};

// Loads and checks a profile. Throws InputError with every problem found (schema and
// cross-field), each with FILE:LINE:COL.
Profile load_profile(const std::string& path);
Profile parse_profile(const doc::Document& d);

// The commented starter profile written by `pwpc init`.
std::string starter_profile();

}  // namespace pwpc
