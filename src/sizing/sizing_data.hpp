// Private to src/sizing: the tested-figures table and the embedded price data.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pwpc::sizing {

// Where the figures come from, for Reason::source.
inline constexpr std::string_view kRefLoginHead =
    "reference architecture (posit-workbench-on-aws-parallelcluster.txt), "
    "Sizing and performance > Login and head nodes; FACTS.md §1";
inline constexpr std::string_view kRefDatabase =
    "reference architecture (posit-workbench-on-aws-parallelcluster.txt), "
    "Sizing and performance > Database; FACTS.md §1";
inline constexpr std::string_view kRefStorage =
    "reference architecture (posit-workbench-on-aws-parallelcluster.txt), "
    "Sizing and performance > Storage; FACTS.md §1";
inline constexpr std::string_view kRefIntro =
    "reference architecture (posit-workbench-on-aws-parallelcluster.txt), introduction: "
    "'the complexity of this architecture is unnecessary for relatively small teams with "
    "stable workloads'";
inline constexpr std::string_view kSchedulableMemory =
    "FACTS.md §3: ParallelCluster advertises ~95% of EC2 memory to Slurm (SchedulableMemory); "
    "https://docs.aws.amazon.com/parallelcluster/latest/ug/Scheduling-v3.html";
inline constexpr std::string_view kFsxCapacity =
    "FACTS.md §3 FsxLustreSettings/StorageCapacity; "
    "https://docs.aws.amazon.com/fsx/latest/APIReference/API_CreateFileSystem.html";
inline constexpr std::string_view kPcNames = "FACTS.md §3: compute resource names ^[a-z][a-z0-9-]*$, <= 25 characters";

enum class FigureKind {
  LoginNodes,               // number = login nodes for sessions <= up_to
  DatabaseClass,            // text = RDS class for sessions <= up_to (both engines)
  HeadNodeType,             // text = instance type
  LoginNodeType,            // text = instance type
  SingleServerBelowUsers,   // number = concurrent users below which a single server is simpler
  SchedulableMemoryPercent  // number = % of EC2 memory Slurm may hand out
};

struct Figure {
  FigureKind kind;
  long long up_to;  // inclusive upper bound of the row (sessions); -1 = unbounded
  long long number;
  std::string_view text;
  bool tested;  // true: the reference architecture tested it; false: pwpc's rule
  std::string_view source;
};

// The whole table, in order (rows of one kind ascend by up_to).
std::span<const Figure> figures();
std::vector<Figure> figures_of(FigureKind k);
const Figure& figure(FigureKind k);  // the first row of a kind

struct Prices {
  std::string as_of, region, currency;
  double hours_per_month = 0;
  std::string hours_source;

  struct Rds {
    std::string engine, instance_class;
    double usd_per_hour = 0;
    std::string source, confidence, as_of;
  };
  std::vector<Rds> rds;

  struct Fsx {
    std::string deployment_type;
    int throughput_per_tib = 0;
    double usd_per_gb_month = 0;
    std::string source, confidence, as_of;
  };
  std::vector<Fsx> fsx;

  struct Efs {
    double usd_per_gb_month = 0, assumed_gb = 0;
    std::string source, confidence, as_of, assumption;
  } efs;

  struct Alb {
    double usd_per_hour = 0, usd_per_lcu_hour = 0, assumed_lcus = 0;
    std::string source, confidence, as_of, assumption;
  } alb;

  struct Secrets {
    double usd_per_secret_month = 0;
    struct Secret {
      std::string name, purpose;
    };
    std::vector<Secret> secrets;
    std::string source, confidence, as_of;
  } secrets;

  const Rds* find_rds(std::string_view engine, std::string_view instance_class) const;
  // Scratch types ignore throughput.
  const Fsx* find_fsx(std::string_view deployment_type, int throughput_per_tib) const;
};

// data/prices.yaml, parsed once. Throws std::logic_error when the embedded data is malformed.
const Prices& prices();

// The catalog's as_of date.
const std::string& catalog_as_of();

}  // namespace pwpc::sizing
