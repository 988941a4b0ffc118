// FSx for Lustre: PC-FSX-CAPACITY (FsxStorageCapacityValidator), PC-FSX-OPTIONS
// (FsxStorageTypeOptionsValidator, FsxPersistentOptionsValidator, FsxBackupOptionsValidator,
// FsxS3Validator, FsxDraValidator and the schema load's FileSystemId/BackupId exclusions),
// PC-S3-URI (S3BucketUriValidator) and PC-FSX-SUBNETS (ManagedFsxMultiAzValidator).
#include <array>
#include <set>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

constexpr std::array<std::string_view, 7> kExcludedByBackupId{
    "DeploymentType", "PerUnitStorageThroughput", "StorageCapacity", "ImportPath",
    "ExportPath",     "ImportedFileChunkSize",    "KmsKeyId"};

constexpr std::size_t kMaxDataRepositoryAssociations = 8;

bool persistent(std::string_view dt) { return dt == "PERSISTENT_1" || dt == "PERSISTENT_2"; }

struct Lustre {
  const Cluster* c;
  At fs;            // FsxLustreSettings
  std::string who;  // "shared storage 'name'"
  std::string dt;   // effective DeploymentType ("" when none applies)
};

void check_exclusions(const Lustre& l) {
  if (l.fs["FileSystemId"].present()) {
    for (const auto& f : l.fs.fields()) {
      if (!f.value.present()) continue;  // null: the schema says so
      if (f.key == "FileSystemId") continue;
      l.c->report("PC-FSX-OPTIONS", f.value,
                  l.who + ": " + f.key + " is ignored when FileSystemId mounts an existing file system",
                  "remove " + f.key + "; an existing file system keeps its own settings");
    }
  }
  if (l.fs["BackupId"].present()) {
    for (auto key : kExcludedByBackupId) {
      if (l.fs[key].present()) {
        l.c->report("PC-FSX-OPTIONS", l.fs[key],
                    l.who + ": " + std::string(key) + " cannot be set when restoring from BackupId",
                    "remove " + std::string(key) + "; the restored file system takes it from the backup");
      }
    }
  }
}

void check_options(const Lustre& l) {
  const At& fs = l.fs;
  At put_at = fs["PerUnitStorageThroughput"];
  auto put = put_at.integer();
  bool ip = fs["ImportPath"].truthy(), ep = fs["ExportPath"].truthy();
  bool chunk = fs["ImportedFileChunkSize"].truthy(), aip = fs["AutoImportPolicy"].truthy();
  const std::string dt_text = l.dt.empty() ? "no DeploymentType" : "DeploymentType " + l.dt;
  auto err = [&](const At& at, const std::string& msg, const std::string& hint) {
    l.c->report("PC-FSX-OPTIONS", at, l.who + ": " + msg, hint);
  };

  // FsxS3Validator
  if (chunk && !ip)
    err(fs["ImportedFileChunkSize"], "ImportedFileChunkSize needs ImportPath",
        "add ImportPath (an s3:// URI) or remove ImportedFileChunkSize");
  if (ep && !ip)
    err(fs["ExportPath"], "ExportPath needs ImportPath", "add ImportPath (an s3:// URI) or remove ExportPath");
  if (aip && !ip)
    err(fs["AutoImportPolicy"], "AutoImportPolicy needs ImportPath",
        "add ImportPath (an s3:// URI) or remove AutoImportPolicy");

  // FsxPersistentOptionsValidator
  if (persistent(l.dt)) {
    if (!put_at.truthy()) {
      err(fs["DeploymentType"], l.dt + " needs PerUnitStorageThroughput",
          l.dt == "PERSISTENT_1" ? "add PerUnitStorageThroughput: 50, 100 or 200 (12 or 40 for HDD)"
                                 : "add PerUnitStorageThroughput: 125, 250, 500 or 1000");
    }
  } else {
    if (fs["KmsKeyId"].truthy())
      err(fs["KmsKeyId"], "KmsKeyId needs a PERSISTENT deployment type (" + dt_text + ")",
          "use PERSISTENT_1 or PERSISTENT_2, or remove KmsKeyId");
    if (put_at.truthy())
      err(put_at, "PerUnitStorageThroughput needs a PERSISTENT deployment type (" + dt_text + ")",
          "use PERSISTENT_1 or PERSISTENT_2, or remove PerUnitStorageThroughput");
  }

  // FsxBackupOptionsValidator (retention 0 counts as unset)
  At ret_at = fs["AutomaticBackupRetentionDays"];
  bool retention = ret_at.truthy();
  if (!retention && fs["DailyAutomaticBackupStartTime"].truthy()) {
    err(fs["DailyAutomaticBackupStartTime"],
        "DailyAutomaticBackupStartTime needs AutomaticBackupRetentionDays greater than 0",
        "set AutomaticBackupRetentionDays (1-35) or remove the start time");
  }
  if (!retention && fs["CopyTagsToBackups"].present()) {
    err(fs["CopyTagsToBackups"], "CopyTagsToBackups needs AutomaticBackupRetentionDays greater than 0",
        "set AutomaticBackupRetentionDays (1-35) or remove CopyTagsToBackups");
  }
  if (retention && !persistent(l.dt)) {
    err(ret_at, "automatic backups need a PERSISTENT deployment type (" + dt_text + ")",
        "use PERSISTENT_1 or PERSISTENT_2, or remove AutomaticBackupRetentionDays");
  }
  if (retention && (chunk || ip || ep || aip)) {
    err(ret_at,
        "backups cannot be created on S3-linked file systems (ImportPath, ExportPath, ImportedFileChunkSize or "
        "AutoImportPolicy is set)",
        "remove the backup settings or the S3 link");
  }

  // FsxStorageTypeOptionsValidator
  if (fs["StorageType"].str().value_or("") == "HDD") {
    if (l.dt != "PERSISTENT_1") {
      err(fs["StorageType"], "StorageType HDD needs DeploymentType PERSISTENT_1 (" + dt_text + ")",
          "use PERSISTENT_1 or SSD storage");
    }
    if (!put || (*put != 12 && *put != 40)) {
      err(put_at.present() ? put_at : fs["StorageType"],
          "HDD storage needs PerUnitStorageThroughput 12 or 40" +
              std::string(put ? " (it is " + std::to_string(*put) + ")" : ""),
          "set PerUnitStorageThroughput to 12 or 40");
    }
  } else {
    if (fs["DriveCacheType"].truthy())
      err(fs["DriveCacheType"], "DriveCacheType can be used only with HDD file systems",
          "remove DriveCacheType or use StorageType HDD");
    if (put && *put) {
      std::set<long long> allowed;
      if (l.dt == "PERSISTENT_1") allowed = {50, 100, 200};
      if (l.dt == "PERSISTENT_2") allowed = {125, 250, 500, 1000};
      if (!allowed.count(*put) && persistent(l.dt)) {
        err(put_at, "PerUnitStorageThroughput " + std::to_string(*put) + " is not valid for " + l.dt + " SSD storage",
            l.dt == "PERSISTENT_1" ? "use 50, 100 or 200" : "use 125, 250, 500 or 1000");
      } else if (!persistent(l.dt)) {
        err(put_at, "PerUnitStorageThroughput is not valid for " + dt_text,
            "remove it; scratch file systems have a fixed throughput");
      }
    }
  }

  // FsxDraValidator
  At dras = fs["DataRepositoryAssociations"];
  if (dras.truthy()) {
    if (ip || ep)
      err(dras, "DataRepositoryAssociations cannot be combined with ImportPath or ExportPath",
          "describe every S3 link as a data repository association, or drop the associations");
    if (dras.items().size() > kMaxDataRepositoryAssociations)
      err(dras, "at most 8 DataRepositoryAssociations are supported", "merge associations");
  }
}

void check_capacity(const Lustre& l) {
  if (l.fs["FileSystemId"].truthy() || l.fs["BackupId"].truthy()) return;
  At cap_at = l.fs["StorageCapacity"];
  auto cap = cap_at.integer();
  if (cap_at.present() && !cap) return;
  auto err = [&](const std::string& msg, const std::string& hint) {
    l.c->report("PC-FSX-CAPACITY",
                cap_at.present() ? cap_at
                : l.fs.present() ? l.fs
                                 : cap_at,
                l.who + ": " + msg, hint);
  };
  if (!cap || *cap == 0) {
    err("StorageCapacity is required for a new FSx for Lustre file system", "add StorageCapacity in GiB, e.g. 1200");
    return;
  }
  const std::string dt = l.dt;
  const std::string is = " (StorageCapacity is " + std::to_string(*cap) + ")";
  auto put = l.fs["PerUnitStorageThroughput"].integer();
  bool hdd = l.fs["StorageType"].str().value_or("") == "HDD";
  if (dt == "SCRATCH_1") {
    if (!(*cap == 1200 || *cap == 2400 || *cap % 3600 == 0))
      err("capacity for SCRATCH_1 is 1200, 2400 or a multiple of 3600 GiB" + is, "use 1200, 2400, 3600, 7200, ...");
  } else if (dt == "PERSISTENT_1" && hdd) {
    if (put == 12 && *cap % 6000 != 0)
      err("capacity for PERSISTENT_1 HDD at 12 MB/s/TiB is a multiple of 6000 GiB" + is, "use 6000, 12000, ...");
    if (put == 40 && *cap % 1800 != 0)
      err("capacity for PERSISTENT_1 HDD at 40 MB/s/TiB is a multiple of 1800 GiB" + is, "use 1800, 3600, ...");
  } else if (dt == "SCRATCH_2" || dt == "PERSISTENT_1" || dt == "PERSISTENT_2") {
    if (!(*cap == 1200 || *cap % 2400 == 0)) {
      err("capacity for " + dt + (l.fs["DeploymentType"].present() ? "" : " (the default deployment type)") +
              " is 1200 GiB or a multiple of 2400 GiB" + is,
          "use 1200, 2400, 4800, 7200, ...");
    }
  }
}

void check_s3_uri(const Cluster& c, const At& at, const std::string& who) {
  auto v = at.str();
  if (!v || v->empty()) return;
  if (url_scheme(*v) != "s3") {
    c.report("PC-S3-URI", at, who + ": " + q(*v) + " is not a valid S3 URI", "write it as s3://bucket/prefix");
  }
}

void check_managed_fsx_subnets(const Cluster& c, const std::vector<At>& new_fsx) {
  if (new_fsx.empty()) return;
  std::set<std::string> subnets;
  for (const auto& queue : c.queues()) {
    for (const auto& id : queue.at({"Networking", "SubnetIds"}).items()) {
      if (auto v = id.str()) subnets.insert(*v);
    }
  }
  if (subnets.size() <= 1) return;
  for (const auto& s : new_fsx) {
    c.report("PC-FSX-SUBNETS", s,
             "shared storage " + q(s["Name"].str().value_or("?")) +
                 " is a new FSx for Lustre file system, but the queues use " + std::to_string(subnets.size()) +
                 " different subnets",
             "ParallelCluster creates managed FSx in one subnet only: use one subnet in every queue, or create the "
             "file system yourself and mount it with FileSystemId");
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    std::vector<At> new_fsx;
    for (const auto& s : c.storages()) {
      if (s["StorageType"].str().value_or("") != "FsxLustre") continue;
      Lustre l{&c, s["FsxLustreSettings"], "shared storage " + q(s["Name"].str().value_or("?")), ""};
      bool existing = l.fs["FileSystemId"].truthy();
      if (!existing) new_fsx.push_back(s);
      l.dt = l.fs["DeploymentType"].str().value_or(existing || l.fs["BackupId"].truthy() ? "" : "SCRATCH_2");
      check_exclusions(l);
      check_options(l);
      check_capacity(l);
      check_s3_uri(c, l.fs["ImportPath"], l.who + " ImportPath");
      check_s3_uri(c, l.fs["ExportPath"], l.who + " ExportPath");
      for (const auto& dra : l.fs["DataRepositoryAssociations"].items()) {
        check_s3_uri(c, dra["DataRepositoryPath"], l.who + " data repository association DataRepositoryPath");
      }
    }
    check_managed_fsx_subnets(c, new_fsx);
  });
}

}  // namespace

const Family& fsx_family() {
  static const Family f{
      {rule("PC-FSX-CAPACITY", Severity::Error,
            "A new FSx for Lustre file system has a StorageCapacity its deployment type allows",
            "ParallelCluster's FsxStorageCapacityValidator: SCRATCH_2 (the default), PERSISTENT_1 SSD and PERSISTENT_2 "
            "take 1200 or a multiple of 2400 GiB; SCRATCH_1 1200, 2400 or a multiple of 3600; HDD multiples of 6000 "
            "(12 MB/s/TiB) or 1800 (40 MB/s/TiB).",
            std::string(kPcSource) + "validators/fsx_validators.py"),
       rule("PC-FSX-OPTIONS", Severity::Error,
            "FSx for Lustre options agree with each other (deployment type, throughput, backups, S3 links, DRAs)",
            "ParallelCluster's FsxStorageTypeOptionsValidator, FsxPersistentOptionsValidator, "
            "FsxBackupOptionsValidator, FsxS3Validator and FsxDraValidator, and the schema load's rules that "
            "FileSystemId excludes every other key and BackupId excludes the settings a backup supplies.",
            std::string(kPcSource) + "validators/fsx_validators.py"),
       rule("PC-S3-URI", Severity::Error, "FSx ImportPath, ExportPath and DataRepositoryPath are s3:// URIs",
            "ParallelCluster's S3BucketUriValidator (the bucket's existence needs AWS and is not checked offline).",
            std::string(kPcSource) + "validators/s3_validators.py"),
       rule("PC-FSX-SUBNETS", Severity::Error,
            "A new (managed) FSx for Lustre is not combined with queues in several subnets",
            "ParallelCluster's ManagedFsxMultiAzValidator counts the distinct SubnetIds of all queues together.",
            std::string(kPcSource) + "validators/cluster_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
