// PC-REGION: RegionValidator and FeatureRegionValidator. The region is `Region:` in the
// file when not empty, else --region; with neither, nothing is checked.
#include <array>
#include <cctype>

#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

struct Supported {
  std::string_view region;
  Version since;
};

// https://docs.aws.amazon.com/parallelcluster/latest/ug/supported-regions.html, plus the
// isolated regions of constants.py.
constexpr std::array<Supported, 30> kSupported{{
    {"us-east-1", {3, 0, 0}},       {"us-east-2", {3, 0, 0}},       {"us-west-1", {3, 0, 0}},
    {"us-west-2", {3, 0, 0}},       {"af-south-1", {3, 0, 0}},      {"ap-east-1", {3, 0, 0}},
    {"ap-south-1", {3, 0, 0}},      {"ap-northeast-1", {3, 0, 0}},  {"ap-northeast-2", {3, 0, 0}},
    {"ap-southeast-1", {3, 0, 0}},  {"ap-southeast-2", {3, 0, 0}},  {"ap-southeast-3", {3, 10, 0}},
    {"ap-southeast-5", {3, 13, 0}}, {"ap-southeast-7", {3, 13, 0}}, {"ca-central-1", {3, 0, 0}},
    {"cn-north-1", {3, 0, 0}},      {"cn-northwest-1", {3, 0, 0}},  {"eu-central-1", {3, 0, 0}},
    {"eu-west-1", {3, 0, 0}},       {"eu-west-2", {3, 0, 0}},       {"eu-west-3", {3, 0, 0}},
    {"eu-south-1", {3, 0, 0}},      {"eu-north-1", {3, 0, 0}},      {"me-south-1", {3, 0, 0}},
    {"sa-east-1", {3, 0, 0}},       {"us-gov-east-1", {3, 0, 0}},   {"us-gov-west-1", {3, 0, 0}},
    {"il-central-1", {3, 8, 0}},    {"us-iso-east-1", {3, 0, 0}},   {"us-isob-east-1", {3, 0, 0}},
}};

// The form of an AWS region name: letters, then dash-separated words, ending in -<digits>.
bool looks_like_region(std::string_view r) {
  auto dash = r.rfind('-');
  if (dash == std::string_view::npos || dash == 0 || dash + 1 == r.size()) return false;
  for (std::size_t i = dash + 1; i < r.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(r[i]))) return false;
  }
  if (r.find('-') == dash) return false;  // needs at least area-name-N
  for (std::size_t i = 0; i < dash; ++i) {
    char ch = r[i];
    if (!(ch >= 'a' && ch <= 'z') && ch != '-') return false;
    if (ch == '-' && (i == 0 || r[i - 1] == '-')) return false;
  }
  return true;
}

struct FeatureGap {
  std::string_view feature;
  std::string_view prefix;
};

void check_features(const Cluster& c, const At& where) {
  std::vector<FeatureGap> gaps;
  if (c.batch()) {
    for (auto p : {"ap-northeast-3", "ap-southeast-5", "ap-southeast-7", "us-iso"})
      gaps.push_back({"AWS Batch scheduler", p});
  }
  for (const auto& s : c.storages()) {
    auto t = s["StorageType"].str().value_or("");
    if (t == "FileCache") gaps.push_back({"FileCache", "us-iso"});
    if (t == "FsxOpenZfs") gaps.push_back({"FSx OpenZfs", "us-iso"});
    if (t == "FsxOntap") gaps.push_back({"FSx ONTAP", "us-iso-w"});
  }
  for (const auto& g : gaps) {
    if (c.region.starts_with(g.prefix)) {
      c.report("PC-REGION", where, std::string(g.feature) + " is not supported in region " + q(c.region),
               "choose another region or leave out the feature");
      return;
    }
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    if (c.region.empty()) return;
    At in_file = c.root["Region"];
    At where = in_file.str() && !in_file.str()->empty() ? in_file : c.root;
    const std::string origin = where.node == in_file.node ? "" : " (--region)";
    for (const auto& s : kSupported) {
      if (s.region != c.region) continue;
      if (c.version() < s.since) {
        c.report("PC-REGION", where,
                 "region " + q(c.region) + origin + " is supported since ParallelCluster " + s.since.str() +
                     ", not in the target " + c.version().str(),
                 "target ParallelCluster " + s.since.str() +
                     " or later (--parallelcluster-version), or choose "
                     "another region");
        return;
      }
      check_features(c, where);
      return;
    }
    if (looks_like_region(c.region)) {
      c.report("PC-REGION", Severity::Warning, where,
               "region " + q(c.region) + origin + " is not in the list of regions pwpc knows ParallelCluster " +
                   c.version().str() + " supports",
               "check https://docs.aws.amazon.com/parallelcluster/latest/ug/supported-regions.html; "
               "ParallelCluster refuses unsupported regions");
      return;
    }
    c.report("PC-REGION", where, "region " + q(c.region) + origin + " is not an AWS region ParallelCluster supports",
             "write a region name such as us-east-1; template placeholders like ${REGION} must be filled in");
  });
}

}  // namespace

const Family& region_family() {
  static const Family f{
      {rule("PC-REGION", Severity::Error,
            "The region is one ParallelCluster supports, with the features the config uses",
            "ParallelCluster's RegionValidator and FeatureRegionValidator. A well-formed region that pwpc's table "
            "does not list is a warning (ParallelCluster 3.15 fetches its list at run time).",
            std::string(kPcDocs) + "supported-regions.html")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
