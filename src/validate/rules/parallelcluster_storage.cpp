// Shared storage as a whole: PC-STORAGE-SETTINGS (the schema load's *Settings checks),
// PC-STORAGE-NAME (SharedStorageNameValidator and the name comparison that
// OverlappingMountDirValidator really makes), PC-SHARED-STORAGE-COUNT
// (NumberOfStorageValidator), PC-MOUNT-DIR (SharedStorageMountDirValidator,
// DuplicateMountDirValidator, SharedFileCacheNotHomeValidator) and pwpc's own
// PC-MOUNT-DIR-NESTED.
#include <array>
#include <cctype>
#include <map>
#include <optional>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kSettingsFor{{
    {"Ebs", "EbsSettings"},
    {"Efs", "EfsSettings"},
    {"FsxLustre", "FsxLustreSettings"},
    {"FsxOpenZfs", "FsxOpenZfsSettings"},
    {"FsxOntap", "FsxOntapSettings"},
    {"FileCache", "FileCacheSettings"},
}};

// Reserved mount dirs (ParallelCluster 3.8 and later; /home was reserved before 3.8).
constexpr std::array<std::string_view, 23> kReserved{"/bin",
                                                     "/boot",
                                                     "/dev",
                                                     "/etc",
                                                     "/lib",
                                                     "/lib64",
                                                     "/media",
                                                     "/mnt",
                                                     "/opt",
                                                     "/opt/parallelcluster",
                                                     "/opt/parallelcluster/shared",
                                                     "/opt/parallelcluster/shared_login_nodes",
                                                     "/opt/slurm",
                                                     "/opt/intel",
                                                     "/proc",
                                                     "/root",
                                                     "/run",
                                                     "/sbin",
                                                     "/srv",
                                                     "/sys",
                                                     "/tmp",
                                                     "/usr",
                                                     "/var"};

std::string type_of(const At& s) { return s["StorageType"].str().value_or(""); }

void check_settings(const Cluster& c, const At& s) {
  int n = 0;
  std::string type = type_of(s);
  for (const auto& [stype, key] : kSettingsFor) {
    At settings = s[key];
    if (!settings.truthy()) continue;
    ++n;
    if (!type.empty() && stype != type) {
      c.report("PC-STORAGE-SETTINGS", settings,
               std::string(key) + " does not belong to a shared storage of StorageType " + q(type),
               "use " + std::string([&] {
                 for (const auto& [t, k] : kSettingsFor) {
                   if (t == type) return k;
                 }
                 return std::string_view("the settings of that type");
               }()) +
                   ", or change StorageType to " + q(stype));
    }
  }
  if (n > 1) {
    c.report("PC-STORAGE-SETTINGS", s,
             "shared storage " + q(s["Name"].str().value_or("?")) + " has " + std::to_string(n) +
                 " *Settings sections; only one is allowed",
             "keep the section that matches StorageType");
  }
}

// PCLUSTER_TAG_VALUE_REGEX ^[\w+\-=._:@/]{0,256}$ (Python's \w also takes non-ASCII letters;
// any non-ASCII character is taken as one here).
bool tag_value_ok(std::string_view s) {
  s = strip_final_newline(s);
  std::size_t chars = 0;
  for (unsigned char ch : s) {
    if ((ch & 0xC0) == 0x80) continue;
    ++chars;
    if (ch >= 0x80) continue;
    if (std::isalnum(ch) || std::string_view("_+-=.:@/").find(static_cast<char>(ch)) != std::string_view::npos)
      continue;
    return false;
  }
  return chars <= 256;
}

void check_storage_name(const Cluster& c, const At& name_at, std::string_view what) {
  auto name = name_at.str();
  if (!name) return;
  if (!tag_value_ok(*name)) {
    c.report("PC-STORAGE-NAME", name_at,
             std::string(what) + " name " + q(*name) + " may contain only letters, digits and _ + - = . : @ /",
             "ParallelCluster tags the storage with its name; remove spaces and other characters");
  }
  if (name->size() > 30) {
    c.report("PC-STORAGE-NAME", name_at, std::string(what) + " name " + q(*name) + " is longer than 30 characters",
             "shorten the name to 30 characters or fewer");
  }
  if (*name == "default") {
    c.report("PC-STORAGE-NAME", name_at, std::string(what) + " name 'default' is forbidden", "choose another name");
  }
}

// OverlappingMountDirValidator is handed the storage names instead of the mount dirs
// (aws-parallelcluster config/cluster_config.py), so it refuses names where one is another
// plus "/...". pwpc reports what ParallelCluster will refuse.
void check_name_overlap(const Cluster& c, const std::vector<At>& storages) {
  std::map<std::string, std::size_t> names;  // name -> index of its first storage
  for (std::size_t i = 0; i < storages.size(); ++i) {
    if (auto n = storages[i]["Name"].str()) names.emplace(*n, i);
  }
  for (std::size_t i = 0; i < storages.size(); ++i) {
    auto an = storages[i]["Name"].str();
    // Names longer than ParallelCluster allows are reported by PC-STORAGE-NAME already;
    // their prefixes need no lookup (one substring per '/' made a long name quadratic).
    if (!an || an->size() > 256) continue;
    // Every b with an == b + "/...": the prefixes of an that end before a '/'.
    for (std::size_t p = an->find('/'); p != std::string::npos; p = an->find('/', p + 1)) {
      auto it = names.find(an->substr(0, p));
      if (it == names.end() || it->second == i) continue;
      c.report("PC-STORAGE-NAME", storages[i]["Name"],
               "shared storage names " + q(it->first) + " and " + q(*an) +
                   " overlap as paths; ParallelCluster's mount dir overlap check compares storage names and "
                   "refuses them",
               "rename the storage so that no name starts with another name followed by '/'");
    }
  }
}

void check_counts(const Cluster& c, const std::vector<At>& storages) {
  struct Kind {
    std::string label;
    std::size_t max;
    std::vector<const At*> items;
  };
  std::map<std::string, Kind> kinds{{"ebs", {"EBS", 5, {}}},
                                    {"new-efs", {"new (managed) EFS", 1, {}}},
                                    {"new-fsx", {"new (managed) FSx", 1, {}}},
                                    {"new-raid", {"RAID", 1, {}}},
                                    {"existing-efs", {"existing EFS", 20, {}}},
                                    {"existing-fsx", {"existing FSx", 20, {}}}};
  for (const auto& s : storages) {
    std::string type = type_of(s);
    if (type == "Ebs") {
      kinds[s.at({"EbsSettings", "Raid"}).truthy() ? "new-raid" : "ebs"].items.push_back(&s);
    } else if (type == "Efs") {
      kinds[s.at({"EfsSettings", "FileSystemId"}).truthy() ? "existing-efs" : "new-efs"].items.push_back(&s);
    } else if (type == "FsxLustre") {
      kinds[s.at({"FsxLustreSettings", "FileSystemId"}).truthy() ? "existing-fsx" : "new-fsx"].items.push_back(&s);
    } else if (type == "FsxOpenZfs" || type == "FsxOntap" || type == "FileCache") {
      kinds["existing-fsx"].items.push_back(&s);
    }
  }
  for (const auto& [key, k] : kinds) {
    if (k.items.size() <= k.max) continue;
    c.report("PC-SHARED-STORAGE-COUNT", *k.items[k.max],
             "too many " + k.label + " shared storage entries (" + std::to_string(k.items.size()) +
                 "); ParallelCluster supports " + std::to_string(k.max),
             key.starts_with("new-")
                 ? "let ParallelCluster create at most one of this kind and mount the others as existing file "
                   "systems (FileSystemId)"
                 : "remove entries or merge the data onto fewer volumes");
  }
}

std::string normalized_dir(std::string d) {
  if (!d.starts_with("/")) d.insert(d.begin(), '/');
  std::string out;
  for (char ch : d) {
    if (ch == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(ch);
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

void check_mount_dirs(const Cluster& c, const std::vector<At>& storages) {
  std::map<std::string, const At*> first;
  for (const auto& s : storages) {
    At md = s["MountDir"];
    auto dir = md.str();
    if (!dir) continue;
    std::string slashed = dir->starts_with("/") ? *dir : "/" + *dir;
    for (auto r : kReserved) {
      if (slashed == r) {
        c.report("PC-MOUNT-DIR", md, "the shared storage mount directory " + q(*dir) + " is reserved",
                 "ParallelCluster and the OS use it; mount the storage elsewhere, e.g. /shared or /data");
      }
    }
    if (type_of(s) == "FileCache" && (*dir == "/home" || *dir == "home")) {
      c.report("PC-MOUNT-DIR", md, "a FileCache cannot be mounted on /home",
               "mount the file cache elsewhere; /home needs EBS, EFS or FSx");
    }
    auto [it, fresh] = first.emplace(*dir, &s);
    if (!fresh) {
      c.report("PC-MOUNT-DIR", md,
               "the mount directory " + q(*dir) + " is used by shared storage " +
                   q((*it->second)["Name"].str().value_or("?")) + " and " + q(s["Name"].str().value_or("?")),
               "give each shared storage its own mount directory");
    }
  }
}

// pwpc is stricter than ParallelCluster here: nested mount dirs (/home and /home/x) and the
// same dir written two ways (/shared and shared/) hide one file system under another.
void check_nested(const Cluster& c, const std::vector<At>& storages) {
  std::map<std::string, std::vector<std::size_t>> by_dir;  // normalized dir -> storages
  std::vector<std::optional<std::string>> raw(storages.size()), norm(storages.size());
  for (std::size_t i = 0; i < storages.size(); ++i) {
    raw[i] = storages[i]["MountDir"].str();
    if (!raw[i]) continue;
    norm[i] = normalized_dir(*raw[i]);
    by_dir[*norm[i]].push_back(i);
  }
  auto name = [&](std::size_t i) { return q(storages[i]["Name"].str().value_or("?")); };
  // The first storage of a dir, and the first one that spells the dir differently from it:
  // the earliest storage written differently from storage i is one of the two (comparing
  // i with every earlier one was quadratic for many storages on one dir).
  std::map<std::string, std::pair<std::size_t, std::optional<std::size_t>>> spellings;
  for (const auto& [dir, list] : by_dir) {
    auto& sp = spellings[dir];
    sp.first = list.front();
    for (std::size_t j : list) {
      if (*raw[j] != *raw[sp.first]) {
        sp.second = j;
        break;
      }
    }
  }
  for (std::size_t i = 0; i < storages.size(); ++i) {
    if (!raw[i]) continue;
    const auto& [first, other] = spellings[*norm[i]];
    std::optional<std::size_t> differs = *raw[i] != *raw[first] ? std::optional<std::size_t>(first) : other;
    if (differs && *differs < i) {
      std::size_t j = *differs;
      c.report("PC-MOUNT-DIR-NESTED", storages[i]["MountDir"],
               "mount directories " + q(*raw[j]) + " (" + name(j) + ") and " + q(*raw[i]) + " (" + name(i) +
                   ") are the same directory written two ways",
               "ParallelCluster compares the strings and lets this through; the second mount would hide the "
               "first. Use one mount directory per storage");
    }
    const std::string& d = *norm[i];
    if (d.size() > 4096) continue;  // longer than any path (PATH_MAX); one substring per '/' would be quadratic
    for (std::size_t p = d.find('/', 1); p != std::string::npos; p = d.find('/', p + 1)) {
      auto it = by_dir.find(d.substr(0, p));
      if (it == by_dir.end()) continue;
      std::size_t j = it->second.front();
      c.report("PC-MOUNT-DIR-NESTED", storages[i]["MountDir"],
               "mount directory " + q(*raw[i]) + " (" + name(i) + ") is inside " + q(*raw[j]) + " (" + name(j) + ")",
               "ParallelCluster does not catch nested mounts, but the outer file system would hide or race the "
               "inner mount point; mount them side by side (e.g. /home and /data)");
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    auto storages = c.storages();
    for (const auto& s : storages) {
      check_settings(c, s);
      check_storage_name(c, s["Name"], "shared storage");
      for (const auto& dra : s.at({"FsxLustreSettings", "DataRepositoryAssociations"}).items()) {
        check_storage_name(c, dra["Name"], "data repository association");
      }
    }
    check_name_overlap(c, storages);
    if (!storages.empty()) check_counts(c, storages);
    check_mount_dirs(c, storages);
    check_nested(c, storages);
  });
}

}  // namespace

const Family& storage_family() {
  static const Family f{
      {rule("PC-STORAGE-SETTINGS", Severity::Error,
            "A shared storage entry has at most one *Settings, matching StorageType",
            "ParallelCluster's schema load (SharedStorageSchema) refuses several *Settings sections and settings "
            "of another storage type.",
            std::string(kPcSource) + "schemas/cluster_schema.py"),
       rule("PC-STORAGE-NAME", Severity::Error,
            "Shared storage and data repository association names are tag-safe, at most 30 characters, not 'default'",
            "ParallelCluster's SharedStorageNameValidator; also the overlap check that ParallelCluster applies to "
            "storage names (OverlappingMountDirValidator is fed names, not mount dirs).",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-SHARED-STORAGE-COUNT", Severity::Error,
            "At most 5 EBS, 1 new EFS, 1 new FSx, 1 RAID, 20 existing EFS and 20 existing FSx shared storages",
            "ParallelCluster's NumberOfStorageValidator refuses more of each kind.",
            std::string(kPcDocs) + "SharedStorage-v3.html"),
       rule("PC-MOUNT-DIR", Severity::Error,
            "Shared storage mount directories are not reserved, not repeated, and not /home for a FileCache",
            "ParallelCluster's SharedStorageMountDirValidator, DuplicateMountDirValidator and "
            "SharedFileCacheNotHomeValidator.",
            std::string(kPcSource) + "validators/cluster_validators.py"),
       rule("PC-MOUNT-DIR-NESTED", Severity::Error,
            "Shared storage mount directories are not nested (/home and /home/x) or the same dir spelled twice",
            "pwpc is stricter than ParallelCluster: its overlap check compares storage names instead of mount dirs "
            "(upstream bug), so nested mounts reach the cluster, where one file system hides the other's mount "
            "point depending on mount order.",
            std::string(kPcSource) + "config/cluster_config.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
