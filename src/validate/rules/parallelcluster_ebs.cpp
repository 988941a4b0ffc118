// PC-EBS-VOLUME (EbsVolumeTypeSizeValidator, EbsVolumeIopsValidator,
// EbsVolumeThroughputValidator, EbsVolumeThroughputIopsValidator) on shared EBS volumes and
// on the head node and queue root volumes, with ParallelCluster's defaults applied first;
// PC-KMS-ENCRYPTED (KmsKeyIdEncryptedValidator) on shared EBS and EFS.
#include <cstdio>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

struct VolumeLimits {
  std::string_view type;
  long long min_size, max_size;                // GiB
  long long min_iops, max_iops, iops_per_gib;  // 0 = the type takes no Iops
  long long default_iops;
};

constexpr VolumeLimits kLimits[] = {
    {"standard", 1, 1024, 0, 0, 0, 0},         {"gp2", 1, 16384, 0, 0, 0, 0},
    {"gp3", 1, 16384, 3000, 16000, 500, 3000}, {"io1", 4, 16384, 100, 64000, 50, 100},
    {"io2", 4, 65536, 100, 256000, 1000, 100}, {"st1", 500, 16384, 0, 0, 0, 0},
    {"sc1", 500, 16384, 0, 0, 0, 0},
};

const VolumeLimits* limits_for(std::string_view type) {
  for (const auto& l : kLimits) {
    if (l.type == type) return &l;
  }
  return nullptr;
}

// Shared EBS volumes without Size get EBS_VOLUME_SIZE_DEFAULT: 35 GiB, 40 GiB in the newest
// sources (taken as 3.13.0, when the root volume default also grew). Root volumes take the
// AMI's size, unknown offline.
long long shared_default_size(Version v) { return v >= Version{3, 13, 0} ? 40 : 35; }

std::string fmt_ratio(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", r);
  return buf;
}

// `what` names the volume in messages; default_size is nullopt for root volumes.
void check_volume(const Cluster& c, const At& vol, const std::string& what, std::optional<long long> default_size) {
  At type_at = vol["VolumeType"], size_at = vol["Size"], iops_at = vol["Iops"], thr_at = vol["Throughput"];
  if ((size_at.present() && !size_at.integer()) || (iops_at.present() && !iops_at.integer()) ||
      (thr_at.present() && !thr_at.integer())) {
    return;  // a type error the schema reports
  }
  std::string type = type_at.str().value_or("gp3");
  const VolumeLimits* lim = limits_for(type);
  if (!lim) return;
  std::optional<long long> size = size_at.integer();
  if (!size) size = default_size;
  const bool size_given = size_at.present();
  At size_where = size_given ? size_at : vol.present() ? vol : type_at;
  std::optional<long long> iops = iops_at.integer();
  if (!iops && lim->default_iops) iops = lim->default_iops;
  const std::string size_text = size ? std::to_string(*size) + " GiB" + (size_given ? "" : " (the default)") : "";

  if (size) {
    if (*size > lim->max_size) {
      c.report("PC-EBS-VOLUME", size_where,
               what + ": " + type + " volumes can be at most " + std::to_string(lim->max_size) + " GiB, Size is " +
                   size_text,
               "lower Size or choose a volume type that allows larger volumes (io2 up to 65536 GiB)");
    } else if (*size < lim->min_size) {
      c.report("PC-EBS-VOLUME", size_where,
               what + ": " + type + " volumes must be at least " + std::to_string(lim->min_size) + " GiB, Size is " +
                   size_text,
               type == "st1" || type == "sc1" ? "set 'Size: 500' or more, or use gp3 for a small volume"
                                              : "raise Size to at least " + std::to_string(lim->min_size));
    }
  }
  if (lim->iops_per_gib) {
    if (iops && *iops && (*iops < lim->min_iops || *iops > lim->max_iops)) {
      c.report("PC-EBS-VOLUME", iops_at.present() ? iops_at : vol,
               what + ": IOPS must be between " + std::to_string(lim->min_iops) + " and " +
                   std::to_string(lim->max_iops) + " for " + type + " volumes, Iops is " + std::to_string(*iops),
               "choose Iops within that range");
    } else if (iops && *iops && size && *iops > *size * lim->iops_per_gib) {
      c.report("PC-EBS-VOLUME", iops_at.present() ? iops_at : size_where,
               what + ": IOPS to volume size ratio of " +
                   fmt_ratio(static_cast<double>(*iops) / static_cast<double>(*size)) + " is too high for " + type +
                   " (at most " + std::to_string(lim->iops_per_gib) + " IOPS per GiB; " + std::to_string(*iops) +
                   " IOPS" + (iops_at.present() ? "" : " by default") + " on " + size_text + ")",
               "raise Size to at least " + std::to_string((*iops + lim->iops_per_gib - 1) / lim->iops_per_gib) +
                   " GiB or lower Iops");
    }
  } else if (iops && *iops) {
    c.report("PC-EBS-VOLUME", iops_at, what + ": the parameter Iops is not supported for " + type + " volumes",
             "remove Iops, or use gp3/io1/io2 for provisioned IOPS");
  }
  if (type == "gp3") {
    long long thr = thr_at.integer().value_or(125);
    if (thr < 125 || thr > 1000) {
      c.report(
          "PC-EBS-VOLUME", thr_at,
          what + ": Throughput must be between 125 MB/s and 1000 MB/s for gp3 volumes, it is " + std::to_string(thr),
          "choose Throughput within 125-1000");
    }
    if (thr && iops && *iops && static_cast<double>(thr) > 0.25 * static_cast<double>(*iops)) {
      c.report("PC-EBS-VOLUME", thr_at.present() ? thr_at : vol,
               what + ": Throughput to IOPS ratio of " +
                   fmt_ratio(static_cast<double>(thr) / static_cast<double>(*iops)) +
                   " is too high; maximum is 0.25 (" + std::to_string(thr) + " MB/s with " + std::to_string(*iops) +
                   " IOPS)",
               "raise Iops to at least " + std::to_string(thr * 4) + " or lower Throughput");
    }
  }
}

void check_kms(const Cluster& c, const At& settings, bool encrypted_default, const std::string& what) {
  At kms = settings["KmsKeyId"];
  if (!kms.truthy()) return;
  auto enc = settings["Encrypted"].boolean();
  if (enc.value_or(encrypted_default)) return;
  c.report("PC-KMS-ENCRYPTED", kms,
           what + ": KmsKeyId " + q(kms.str().value_or("")) + " is set, so Encrypted must be true" +
               (settings["Encrypted"].present() ? "" : " (it defaults to false here)"),
           "add 'Encrypted: true' next to KmsKeyId");
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    check_volume(c, c.root.at({"HeadNode", "LocalStorage", "RootVolume"}), "HeadNode root volume", std::nullopt);
    for (const auto& queue : c.root.at({"Scheduling", "SlurmQueues"}).items()) {
      check_volume(c, queue.at({"ComputeSettings", "LocalStorage", "RootVolume"}),
                   "queue " + q(queue["Name"].str().value_or("?")) + " root volume", std::nullopt);
    }
    for (const auto& s : c.storages()) {
      const std::string what = "shared storage " + q(s["Name"].str().value_or("?"));
      auto type = s["StorageType"].str().value_or("");
      if (type == "Ebs") {
        check_volume(c, s["EbsSettings"], what, shared_default_size(c.version()));
        check_kms(c, s["EbsSettings"], true, what);
      } else if (type == "Efs") {
        check_kms(c, s["EfsSettings"], false, what);
      }
    }
  });
}

}  // namespace

const Family& ebs_family() {
  static const Family f{
      {rule("PC-EBS-VOLUME", Severity::Error,
            "EBS size, IOPS and throughput fit the volume type (shared volumes and root volumes)",
            "ParallelCluster's EbsVolumeTypeSizeValidator, EbsVolumeIopsValidator, EbsVolumeThroughputValidator and "
            "EbsVolumeThroughputIopsValidator, after its defaults (gp3; shared Size 35 GiB; Iops 3000 for gp3, 100 "
            "for io1/io2; Throughput 125). Iops on gp2, st1, sc1 or standard is refused.",
            std::string(kPcSource) + "validators/ebs_validators.py"),
       rule("PC-KMS-ENCRYPTED", Severity::Error, "A KmsKeyId on shared EBS or EFS comes with Encrypted: true",
            "ParallelCluster's KmsKeyIdEncryptedValidator. EBS defaults to encrypted, EFS does not.",
            std::string(kPcSource) + "validators/kms_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
