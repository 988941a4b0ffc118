// PC-EFS-OPTIONS: EfsMountOptionsValidator, EfsAccessPointOptionsValidator and the schema
// load's EfsSettings rules (FileSystemId excludes the creation settings; ThroughputMode
// provisioned if and only if ProvisionedThroughput).
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

void check_efs(const Cluster& c, const At& storage) {
  At efs = storage["EfsSettings"];
  if (!efs.is_map()) return;
  const std::string who = "shared storage " + q(storage["Name"].str().value_or("?"));
  bool in_transit = efs["EncryptionInTransit"].is_true();
  if (efs["IamAuthorization"].is_true() && !in_transit) {
    c.report("PC-EFS-OPTIONS", efs["IamAuthorization"],
             who + ": EFS IAM authorization cannot be enabled when encryption in transit is disabled",
             "add 'EncryptionInTransit: true' or remove IamAuthorization");
  }
  At ap = efs["AccessPointId"];
  if (ap.truthy()) {
    if (!efs["FileSystemId"].truthy()) {
      c.report("PC-EFS-OPTIONS", ap, who + ": an access point can only be used with an existing EFS (FileSystemId)",
               "add the FileSystemId the access point belongs to");
    }
    if (!in_transit) {
      c.report("PC-EFS-OPTIONS", ap, who + ": an access point needs EncryptionInTransit: true",
               "add 'EncryptionInTransit: true'");
    }
  }
  if (efs["FileSystemId"].present()) {
    for (const auto& f : efs.fields()) {
      if (!f.value.present()) continue;  // null: the schema says so
      if (f.key == "FileSystemId" || f.key == "EncryptionInTransit" || f.key == "IamAuthorization" ||
          f.key == "AccessPointId") {
        continue;
      }
      c.report("PC-EFS-OPTIONS", f.value, who + ": " + f.key + " is ignored when FileSystemId mounts an existing EFS",
               "remove " + f.key + "; only EncryptionInTransit, IamAuthorization and AccessPointId apply");
    }
  }
  bool provisioned = efs["ThroughputMode"].str().value_or("") == "provisioned";
  if (!provisioned && efs["ProvisionedThroughput"].truthy()) {
    c.report("PC-EFS-OPTIONS", efs["ProvisionedThroughput"],
             who + ": ProvisionedThroughput needs ThroughputMode: provisioned", "add 'ThroughputMode: provisioned'");
  }
  if (provisioned && !efs["ProvisionedThroughput"].truthy()) {
    c.report("PC-EFS-OPTIONS", efs["ThroughputMode"], who + ": ThroughputMode provisioned needs ProvisionedThroughput",
             "add ProvisionedThroughput in MiB/s (1-1024)");
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    for (const auto& s : c.storages()) {
      if (s["StorageType"].str().value_or("") == "Efs") check_efs(c, s);
    }
  });
}

}  // namespace

const Family& efs_family() {
  static const Family f{
      {rule("PC-EFS-OPTIONS", Severity::Error,
            "EFS options agree: IAM authorization and access points need encryption in transit, and more",
            "ParallelCluster's EfsMountOptionsValidator and EfsAccessPointOptionsValidator, and the schema load's "
            "EfsSettings rules: FileSystemId excludes the creation settings, ThroughputMode provisioned goes with "
            "ProvisionedThroughput.",
            std::string(kPcSource) + "validators/efs_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
