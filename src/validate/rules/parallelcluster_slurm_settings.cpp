// Scheduling/SlurmSettings and the Slurm settings of queues and compute resources:
// PC-DATABASE-URI (DatabaseUriValidator), PC-SECRET-ARN (PasswordSecretArnValidator,
// ArnServiceAndResourceValidator), PC-EXTERNAL-SLURMDBD (the ExternalSlurmdbd* validators)
// and PC-CUSTOM-SLURM-SETTINGS (CustomSlurmSettingsValidator, CustomSlurmNodeNamesValidator,
// CustomSlurmSettingsIncludeFileOnlyValidator).
#include <algorithm>
#include <cctype>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    auto p = s.find(sep, start);
    out.emplace_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

std::string lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

void check_database_uri(const Cluster& c, const At& uri_at) {
  auto uri = uri_at.string();
  if (!uri) return;
  if (uri->starts_with("/")) {
    c.report("PC-DATABASE-URI", uri_at, "invalid database Uri " + q(*uri) + ": remove the leading '/'",
             "write it as host:port, e.g. slurmdb.example.internal:3306");
    return;
  }
  UrlParts p = url_split(*uri);
  if (p.netloc.empty()) p = url_split("//" + *uri);
  if (!p.scheme.empty()) {
    c.report("PC-DATABASE-URI", uri_at,
             "invalid database Uri " + q(*uri) + ": do not give a scheme ('" + p.scheme + "://')",
             "write it as host:port, e.g. slurmdb.example.internal:3306");
    return;
  }
  if (p.netloc.empty()) {
    c.report("PC-DATABASE-URI", uri_at, "invalid database Uri " + q(*uri) + ": no host name found",
             "write it as host:port, e.g. slurmdb.example.internal:3306");
    return;
  }
  if (!p.has_port) {
    c.report("PC-DATABASE-URI", Severity::Info, uri_at,
             "database Uri " + q(*uri) + " names no port; ParallelCluster assumes 3306", "");
    return;
  }
  bool digits = std::all_of(p.port_text.begin(), p.port_text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!digits || p.port_text.size() > 6 || std::stol(p.port_text) > 65535) {
    c.report("PC-DATABASE-URI", uri_at,
             "invalid database Uri " + q(*uri) + ": the port " + q(p.port_text) + " is not a number from 0 to 65535",
             "write it as host:port, e.g. slurmdb.example.internal:3306");
  }
}

// Passwords for Slurm accounting and the directory service come from Secrets Manager (or
// SSM parameters in us-isob-east-1 only). The region inside the ARN is not compared.
// An ARN is a reference and safe to repeat; anything else in a *SecretArn key may be the
// secret itself, pasted in by mistake, and is never shown.
std::string shown_secret_ref(const std::string& value) {
  return value.starts_with("arn:") ? q(value) : std::string("(value not shown: it may be a secret)");
}

void check_password_arn(const Cluster& c, const At& arn_at, std::string_view owner) {
  auto arn = arn_at.string();
  if (!arn) return;
  auto parts = split(*arn, ':');
  bool ok = false;
  if (parts.size() >= 6) {
    std::string resource = parts[2] == "ssm" ? split(parts[5], '/')[0] : parts[5];
    bool isob = c.region == "us-isob-east-1";
    ok = (parts[2] == "secretsmanager" && resource == "secret" && !isob) ||
         (parts[2] == "ssm" && resource == "parameter" && isob);
  }
  if (ok) return;
  c.report("PC-SECRET-ARN", arn_at,
           std::string(owner) + ": the secret " + shown_secret_ref(*arn) + " is not supported in region " +
               q(c.region.empty() ? "(none given)" : c.region),
           c.region == "us-isob-east-1" ? "use an SSM parameter ARN (arn:aws:ssm:...:parameter/...)"
                                        : "store the password in AWS Secrets Manager and give the secret's ARN "
                                          "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
}

void check_munge_arn(const Cluster& c, const At& arn_at) {
  auto arn = arn_at.string();
  if (!arn) return;
  auto parts = split(*arn, ':');
  if (parts.size() >= 6 && parts[2] == "secretsmanager" && parts[5] == "secret") return;
  c.report("PC-SECRET-ARN", arn_at,
           "MungeKeySecretArn " + shown_secret_ref(*arn) + " is not a Secrets Manager secret ARN",
           "give the ARN of a Secrets Manager secret holding the base64 MUNGE key "
           "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME)");
}

struct DenyList {
  std::string_view level;
  std::vector<std::string_view> keys;
};

const std::vector<std::string_view> kSlurmConfDeny{"epilog",           "grestypes",           "launchparameters",
                                                   "prolog",           "reconfigflags",       "resumefailprogram",
                                                   "resumeprogram",    "resumetimeout",       "slurmctldhost",
                                                   "slurmctldlogfile", "slurmctldparameters", "slurmdlogfile",
                                                   "slurmuser",        "suspendexcnodes",     "suspendprogram",
                                                   "suspendtime",      "taskplugin",          "treewidth"};
const std::vector<std::string_view> kAccountingDeny{"accountingstoragetype", "accountingstoragehost",
                                                    "accountingstorageport", "accountingstorageuser",
                                                    "jobacctgathertype"};
const std::vector<std::string_view> kQueueDeny{"nodes", "partitionname", "resumetimeout",
                                               "state", "suspendtime",   "oversubscribe"};
const std::vector<std::string_view> kComputeResourceDeny{"cpus",         "features", "gres",  "nodeaddr",
                                                         "nodehostname", "nodename", "state", "weight"};

bool denied(const std::vector<std::string_view>& list, const std::string& key) {
  std::string k = lower(key);
  return std::find(list.begin(), list.end(), k) != list.end();
}

std::string deny_hint(const std::string& key) {
  std::string k = lower(key);
  if (k == "oversubscribe") {
    return "ParallelCluster manages the partition line and refuses OverSubscribe (aws/aws-parallelcluster#6082); "
           "remove it. Posit's HA deployment needs suppressed validators to set it, which pwpc does not recommend";
  }
  if (k.starts_with("accounting") || k == "jobacctgathertype") {
    return "ParallelCluster sets it from SlurmSettings/Database; remove it";
  }
  return "ParallelCluster manages this setting itself; remove it (see the CustomSlurmSettings deny list)";
}

void check_queue_level(const Cluster& c, const At& settings, const std::vector<std::string_view>& deny,
                       std::string_view level, const std::string& owner) {
  for (const auto& f : settings.fields()) {
    if (!denied(deny, f.key)) continue;
    At where{f.value.node, f.value.path, f.key_mark};
    c.report("PC-CUSTOM-SLURM-SETTINGS", where,
             owner + ": the custom Slurm setting " + q(f.key) + " is not allowed at " + std::string(level) + " level",
             deny_hint(f.key));
  }
}

void check_custom_slurm_settings(const Cluster& c) {
  At ss = c.slurm_settings();
  At list = ss["CustomSlurmSettings"];
  bool database = ss["Database"].is_map();
  bool before_3_9 = c.version() < Version{3, 9, 0};
  for (const auto& item : list.items()) {
    auto fields = item.fields();
    for (const auto& f : fields) {
      At where{f.value.node, f.value.path, f.key_mark};
      if (fields.size() == 1) {
        bool bad = denied(kSlurmConfDeny, f.key) || (database && denied(kAccountingDeny, f.key)) ||
                   (before_3_9 && lower(f.key) == "communicationparameters");
        if (bad) {
          c.report("PC-CUSTOM-SLURM-SETTINGS", where,
                   "the custom Slurm setting " + q(f.key) + " is not allowed at SlurmConf level", deny_hint(f.key));
        }
      }
      if (lower(f.key) == "nodename") {
        auto v = f.value.str().value_or("");
        if (v.find("-st-") != std::string::npos || v.find("-dy-") != std::string::npos) {
          c.report("PC-CUSTOM-SLURM-SETTINGS", f.value,
                   "custom node name " + q(v) +
                       " contains '-st-' or '-dy-', which ParallelCluster reserves for its "
                       "own static and dynamic nodes",
                   "rename the custom nodes");
        }
      }
    }
  }
  At include = ss["CustomSlurmSettingsIncludeFile"];
  if (list.truthy() && include.truthy()) {
    c.report("PC-CUSTOM-SLURM-SETTINGS", include,
             "CustomSlurmSettings and CustomSlurmSettingsIncludeFile can not be used together",
             "move the settings into the include file, or drop the include file");
  }
  for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
    const std::string qname = "queue " + q(queue["Name"].str().value_or("?"));
    check_queue_level(c, queue["CustomSlurmSettings"], kQueueDeny, "Queue", qname);
    for (const auto& cr : queue["ComputeResources"].items()) {
      check_queue_level(c, cr["CustomSlurmSettings"], kComputeResourceDeny, "ComputeResource",
                        qname + " compute resource " + q(cr["Name"].str().value_or("?")));
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    At ss = c.slurm_settings();
    At db = ss["Database"];
    if (db.is_map()) {
      check_database_uri(c, db["Uri"]);
      check_password_arn(c, db["PasswordSecretArn"], "SlurmSettings/Database");
    }
    check_password_arn(c, c.root.at({"DirectoryService", "PasswordSecretArn"}), "DirectoryService");
    check_munge_arn(c, ss["MungeKeySecretArn"]);
    At ext = ss["ExternalSlurmdbd"];
    if (ext.is_map()) {
      if (db.is_map()) {
        c.report("PC-EXTERNAL-SLURMDBD", ext, "SlurmSettings has both Database and ExternalSlurmdbd",
                 "use Database to let the head node run slurmdbd, or ExternalSlurmdbd for your own; not both");
      }
      if (!ss["MungeKeySecretArn"].truthy()) {
        c.report("PC-EXTERNAL-SLURMDBD", ext, "ExternalSlurmdbd needs SlurmSettings/MungeKeySecretArn",
                 "the external slurmdbd and the cluster must share a MUNGE key; add MungeKeySecretArn");
      }
      c.report("PC-EXTERNAL-SLURMDBD", Severity::Warning, ext,
               "traffic between the cluster and the external slurmdbd is not encrypted",
               "keep the slurmdbd host in a private network reachable only from the cluster");
    }
    check_custom_slurm_settings(c);
  });
}

}  // namespace

const Family& slurm_settings_family() {
  static const Family f{
      {rule("PC-DATABASE-URI", Severity::Error,
            "The Slurm accounting database Uri is host or host:port, without a scheme",
            "ParallelCluster's DatabaseUriValidator refuses a scheme (mysql://), a leading '/' and a bad port; a "
            "missing port is only noted (3306 is assumed).",
            std::string(kPcSource) + "validators/database_validators.py"),
       rule("PC-SECRET-ARN", Severity::Error,
            "Password and MUNGE key ARNs are Secrets Manager secrets (SSM parameters only in us-isob-east-1)",
            "ParallelCluster's PasswordSecretArnValidator (Database and DirectoryService) and "
            "ArnServiceAndResourceValidator (MungeKeySecretArn). Existence needs AWS and is not checked offline.",
            std::string(kPcSource) + "validators/secret_validators.py"),
       rule("PC-EXTERNAL-SLURMDBD", Severity::Error, "ExternalSlurmdbd excludes Database and needs MungeKeySecretArn",
            "ParallelCluster's ExternalSlurmdbdVsDatabaseIncompatibility and ExternalSlurmdbdRequiresCustomMungeKey "
            "(errors) and ExternalSlurmdbdTrafficNotEncrypted (warning).",
            std::string(kPcSource) + "validators/slurm_settings_validator.py"),
       rule("PC-CUSTOM-SLURM-SETTINGS", Severity::Error,
            "CustomSlurmSettings avoid the keys ParallelCluster manages (OverSubscribe at queue level included)",
            "ParallelCluster's CustomSlurmSettingsValidator deny lists (SlurmConf, accounting with a Database, "
            "Queue: Nodes PartitionName ResumeTimeout State SuspendTime OverSubscribe, ComputeResource), "
            "CustomSlurmNodeNamesValidator and CustomSlurmSettingsIncludeFileOnlyValidator.",
            std::string(kPcDocs) + "slurm-configuration-settings-v3.html")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
