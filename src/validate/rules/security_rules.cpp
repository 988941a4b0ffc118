// The "security" family: IMDSv1 on cluster and image configs; open security groups,
// unencrypted or unprotected data stores and plaintext passwords in CloudFormation
// templates; credentials in Workbench's database.conf.
#include "validate/rules/security_checks.hpp"

namespace pwpc::rules {
namespace {

void check(Context& ctx) {
  for (const auto* f : ctx.yaml_of(FileKind::ClusterConfig)) check_security_cluster(ctx, *f);
  for (const auto* f : ctx.yaml_of(FileKind::ImageConfig)) check_security_cluster(ctx, *f);
  for (const auto* f : ctx.yaml_of(FileKind::CloudFormation)) {
    if (!f->doc.root->is_map()) continue;
    check_security_ingress(ctx, *f);
    check_security_data(ctx, *f);
    check_security_secrets(ctx, *f);
  }
  for (const auto* f : ctx.ini_of(FileKind::DatabaseConf)) check_security_database_conf(ctx, *f);
}

const char* kCfnRef = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/";

std::string cfn(const char* page) { return std::string(kCfnRef) + page; }

}  // namespace

const Family& security_family() {
  static const Family f{
      {
          {"SEC-IMDSV1", "security", Severity::Error, "Instances do not allow IMDSv1 (Imds/ImdsSupport: v1.0)",
           "IMDSv1 answers unauthenticated GET requests, so any server-side request forgery on a node leaks the "
           "instance role's credentials; IMDSv2 requires a session token.",
           "https://docs.aws.amazon.com/parallelcluster/latest/ug/Imds-cluster-v3.html"},
          {"SEC-OPEN-INGRESS", "security", Severity::Error,
           "No security group opens SSH (22), Workbench (8787) or every port to 0.0.0.0/0 or ::/0",
           "Workbench is reached through the load balancer; nodes open to the internet invite brute force and "
           "expose an unencrypted port.",
           cfn("aws-resource-ec2-securitygroup.html")},
          {"SEC-RDS-ENCRYPTION", "security", Severity::Error, "RDS databases are encrypted at rest (StorageEncrypted)",
           "StorageEncrypted defaults to false and cannot be switched on in place; the databases hold session "
           "metadata and Slurm accounting.",
           cfn("aws-resource-rds-dbinstance.html") + "; FACTS.md §4"},
          {"SEC-EFS-ENCRYPTION", "security", Severity::Error,
           "EFS file systems are encrypted at rest (Encrypted: true; new EFS in a cluster config: warning)",
           "EFS encryption is chosen at creation and cannot be changed; the Workbench EFS holds the "
           "configuration and its secrets. ParallelCluster's EfsSettings/Encrypted defaults to false.",
           cfn("aws-resource-efs-filesystem.html") + "; FACTS.md §3"},
          {"SEC-RDS-DELETION-PROTECTION", "security", Severity::Warning, "RDS databases have DeletionProtection: true",
           "DeletionProtection defaults to false; without it one API call deletes the Workbench or Slurm "
           "accounting database.",
           cfn("aws-resource-rds-dbinstance.html") + "; FACTS.md §4"},
          {"SEC-STATEFUL-RETAIN", "security", Severity::Warning,
           "Stateful resources (RDS, EFS, FSx) set DeletionPolicy and UpdateReplacePolicy to Retain (or Snapshot "
           "for RDS)",
           "Without explicit policies a stack deletion or a replacing update deletes home directories, "
           "configuration or databases (cfn-lint I3011). Snapshot is supported for RDS only.",
           cfn("aws-attribute-deletionpolicy.html") + "; FACTS.md §4"},
          {"SEC-PLAINTEXT-PASSWORD", "security", Severity::Error,
           "CloudFormation passwords come from dynamic references or NoEcho parameters, never literals",
           "A literal or a visible parameter puts the password in the template, the console, describe-stacks "
           "and the stack events.",
           "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references.html"},
          {"SEC-DATABASE-PASSWORD", "security", Severity::Error,
           "database.conf carries no password (error in a bundle, warning on a single file)",
           "A rendered bundle is reviewed and committed, so it must not contain credentials. On a single file "
           "pwpc warns, since an encrypted password (rstudio-server encrypt-password) looks like any other.",
           "https://docs.posit.co/ide/server-pro/admin/database/configuration.html"},
          {"SEC-DATABASE-CONF-MODE", "security", Severity::Error,
           "database.conf is readable by its owner only (mode 0600), checked in a bundle",
           "The file holds database credentials; Workbench expects root:root 0600.",
           "https://docs.posit.co/ide/server-pro/admin/database/configuration.html"},
      },
      check};
  return f;
}

}  // namespace pwpc::rules
