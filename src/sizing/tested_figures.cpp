// The reference architecture's tested figures, as one table. Sizing rules read these rows
// instead of spelling numbers in `if`s; a row with tested = false is pwpc's own rule or
// extrapolation beyond what Posit tested, and the plan says so (warning untested-scale).
#include <stdexcept>

#include "sizing/sizing_data.hpp"

namespace pwpc::sizing {
namespace {

using K = FigureKind;

constexpr Figure kFigures[] = {
    // Login nodes per concurrent sessions, as tested (one head node). Above the last row
    // the rule extrapolates ceil(sessions x 6 / 5000) and warns.
    {K::LoginNodes, 500, 2, "", true, kRefLoginHead},
    {K::LoginNodes, 1000, 4, "", true, kRefLoginHead},
    {K::LoginNodes, 2000, 6, "", true, kRefLoginHead},
    {K::LoginNodes, 5000, 6, "", true, kRefLoginHead},

    // Login and head nodes: the tested instance type.
    {K::HeadNodeType, -1, 1, "t2.xlarge", true, kRefLoginHead},
    {K::LoginNodeType, -1, 0, "t2.xlarge", true, kRefLoginHead},

    // RDS for PostgreSQL (Workbench) and MySQL (Slurm accounting): db.t3.micro tested up to
    // 5000 sessions "with no performance degradation". Beyond that pwpc steps up one class
    // per doubling of sessions: RDS's default max_connections grows with instance memory
    // (micro 1 GiB, small 2 GiB, medium 4 GiB), and more sessions mean more login nodes,
    // each holding its own Workbench connection pool. Staying in db.t3 keeps the tested
    // engine/architecture (x86, burstable) and only changes its size.
    {K::DatabaseClass, 5000, 0, "db.t3.micro", true, kRefDatabase},
    {K::DatabaseClass, 10000, 0, "db.t3.small", false,
     "pwpc extrapolation beyond the tested 5000 sessions (reference: Database)"},
    {K::DatabaseClass, -1, 0, "db.t3.medium", false,
     "pwpc extrapolation beyond the tested 5000 sessions (reference: Database)"},

    // Below this many concurrent users a single Workbench server is simpler (issue #2's
    // threshold for the reference text's "relatively small teams").
    {K::SingleServerBelowUsers, -1, 20, "", false, kRefIntro},

    // Slurm may hand out this share of EC2 memory; sizing packs sessions against it.
    {K::SchedulableMemoryPercent, -1, 95, "", false, kSchedulableMemory},
};

}  // namespace

std::span<const Figure> figures() { return kFigures; }

std::vector<Figure> figures_of(FigureKind k) {
  std::vector<Figure> out;
  for (const auto& f : kFigures) {
    if (f.kind == k) out.push_back(f);
  }
  return out;
}

const Figure& figure(FigureKind k) {
  for (const auto& f : kFigures) {
    if (f.kind == k) return f;
  }
  throw std::logic_error("tested_figures: no row of the requested kind");
}

}  // namespace pwpc::sizing
