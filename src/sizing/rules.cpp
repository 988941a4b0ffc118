// The sizing rules, one function each (see sizing.hpp). Numbers come from the tested
// figures table and the embedded catalog, never from literals here.
#include <fmt/format.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "pwpc/diagnostics.hpp"
#include "pwpc/sizing.hpp"
#include "sizing/sizing_data.hpp"
#include "sizing/sizing_util.hpp"

namespace pwpc {

using sizing::FigureKind;

namespace sizing {

long long ceil_tolerant(double x) {
  if (!(x > 0)) return 0;  // also NaN
  if (x >= 9e18) return LLONG_MAX;
  double r = std::round(x);
  if (std::fabs(x - r) <= 1e-9 * std::max(1.0, std::fabs(x))) return static_cast<long long>(r);
  return static_cast<long long>(std::ceil(x));
}

std::string fmt_num(double x) {
  if (x == std::floor(x) && std::fabs(x) < 1e15) return fmt::format("{}", static_cast<long long>(x));
  return fmt::format("{}", x);
}

std::string fmt_gib(double x) { return fmt_num(std::round(x * 100) / 100); }

}  // namespace sizing

using sizing::ceil_tolerant;
using sizing::fmt_gib;
using sizing::fmt_num;

long long peak_sessions(long long concurrent, double sessions_per_user) {
  if (concurrent <= 0 || !(sessions_per_user > 0)) return 0;
  return ceil_tolerant(static_cast<double>(concurrent) * sessions_per_user);
}

int login_node_count(long long sessions, Reason* why, bool* untested) {
  auto rows = sizing::figures_of(FigureKind::LoginNodes);
  const auto& last = rows.back();
  int count = 0;
  Reason r;
  r.rule = "login-nodes-tested-table";
  r.source = std::string(last.source);
  bool beyond = sessions > last.up_to;
  if (!beyond) {
    for (const auto& row : rows) {
      if (sessions <= row.up_to) {
        count = static_cast<int>(row.number);
        r.text = fmt::format("{} sessions -> {} login nodes (tested row <= {} sessions)", sessions, count, row.up_to);
        break;
      }
    }
  } else {
    // Extrapolate the last tested ratio: last.number nodes per last.up_to sessions.
    long long n =
        (sessions / last.up_to) * last.number + ((sessions % last.up_to) * last.number + last.up_to - 1) / last.up_to;
    count = n > INT_MAX ? INT_MAX : static_cast<int>(n);
    r.rule = "login-nodes-extrapolated";
    r.text = fmt::format(
        "{} sessions is above the largest tested row ({} sessions -> {} login nodes): "
        "ceil({} x {} / {}) = {} login nodes (untested scale)",
        sessions, last.up_to, last.number, sessions, last.number, last.up_to, count);
  }
  const long long minimum = rows.front().number;  // never fewer than the smallest tested row (2)
  if (count < minimum) {
    count = static_cast<int>(minimum);
    r.text += fmt::format("; never fewer than {}", minimum);
  }
  if (why) *why = r;
  if (untested) *untested = beyond;
  return count;
}

int fsx_lustre_capacity(double need_gib, const std::string& deployment_type) {
  // Valid sizes (GiB): SCRATCH_2 / PERSISTENT_1 (SSD) / PERSISTENT_2: 1200, then multiples
  // of 2400. SCRATCH_1: 1200, 2400, then multiples of 3600.
  long long step = 0;
  std::vector<long long> small;
  if (deployment_type == "SCRATCH_2" || deployment_type == "PERSISTENT_1" || deployment_type == "PERSISTENT_2") {
    small = {1200};
    step = 2400;
  } else if (deployment_type == "SCRATCH_1") {
    small = {1200, 2400};
    step = 3600;
  } else {
    throw std::invalid_argument("unknown FSx for Lustre deployment type: " + deployment_type);
  }
  long long need = ceil_tolerant(need_gib);
  for (long long s : small) {
    if (need <= s) return static_cast<int>(s);
  }
  long long cap = (need + step - 1) / step * step;
  if (cap > INT_MAX) throw std::invalid_argument("FSx for Lustre capacity out of range");
  return static_cast<int>(cap);
}

std::string database_class(long long sessions, Reason* why, bool* untested) {
  auto rows = sizing::figures_of(FigureKind::DatabaseClass);
  const sizing::Figure* chosen = &rows.back();
  for (const auto& row : rows) {
    if (row.up_to >= 0 && sessions <= row.up_to) {
      chosen = &row;
      break;
    }
  }
  const auto& tested = rows.front();
  Reason r;
  r.source = std::string(chosen->source);
  if (chosen->tested) {
    r.rule = "database-tested";
    r.text = fmt::format("{} sessions <= {}: {} was tested up to {} concurrent sessions with no degradation", sessions,
                         chosen->up_to, chosen->text, chosen->up_to);
  } else {
    r.rule = "database-extrapolated";
    std::string bound =
        chosen->up_to >= 0 ? fmt::format("<= {} sessions", chosen->up_to) : std::string("beyond the last step");
    r.text = fmt::format(
        "{} sessions is above the tested {} ({}); pwpc steps up one db.t3 size per doubling "
        "of sessions ({}: {}), because RDS's default max_connections grows with instance "
        "memory and more login nodes hold more Workbench connections (untested scale)",
        sessions, tested.up_to, tested.text, bound, chosen->text);
  }
  if (why) *why = r;
  if (untested) *untested = !chosen->tested;
  return std::string(chosen->text);
}

namespace {

long long memory_mib(double gib) { return std::llround(gib * 1024.0); }

long long schedulable_mib(const InstanceType& it) {
  long long pct = sizing::figure(FigureKind::SchedulableMemoryPercent).number;
  return memory_mib(it.memory_gib) * pct / 100;
}

struct Fit {
  long long by_cpu = 0, by_mem = 0, by_gpu = 0;  // -1 = not limiting
  long long sessions = 0;
};

Fit fit(const InstanceType& it, const Workload& w) {
  Fit f;
  f.by_cpu = w.cpus > 0 ? it.vcpus / w.cpus : -1;
  long long need_mib = w.memory_gib > 0 ? ceil_tolerant(w.memory_gib * 1024.0) : 0;
  f.by_mem = need_mib > 0 ? schedulable_mib(it) / need_mib : -1;
  f.by_gpu = w.gpus > 0 ? it.gpus / w.gpus : -1;
  long long s = std::numeric_limits<long long>::max();
  for (long long v : {f.by_cpu, f.by_mem, f.by_gpu}) {
    if (v >= 0) s = std::min(s, v);
  }
  if (s == std::numeric_limits<long long>::max()) s = it.vcpus;  // nothing limits: one per vCPU
  f.sessions = std::min<long long>(s, INT_MAX);
  return f;
}

std::string describe_fit(const InstanceType& it, const Workload& w, const Fit& f) {
  std::vector<std::string> parts;
  if (f.by_cpu >= 0) parts.push_back(fmt::format("vCPUs {}/{} = {}", it.vcpus, w.cpus, f.by_cpu));
  if (f.by_mem >= 0) {
    parts.push_back(fmt::format("memory {} GiB schedulable / {} GiB = {}", fmt_gib(schedulable_memory_gib(it)),
                                fmt_num(w.memory_gib), f.by_mem));
  }
  if (f.by_gpu >= 0) parts.push_back(fmt::format("GPUs {}/{} = {}", it.gpus, w.gpus, f.by_gpu));
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += (i ? ", " : "") + parts[i];
  return s;
}

bool eligible(const InstanceType& it, const Workload& w) {
  if (w.gpus > 0) return it.gpus > 0;    // GPU workloads: GPU instances only
  return it.gpus == 0 && !it.burstable;  // CPU workloads: no GPUs, no CPU-credit instances
}

// a cheaper per session than b? (price_a / spn_a < price_b / spn_b, compared without division)
int compare_per_session(const InstanceType& a, long long sa, const InstanceType& b, long long sb) {
  double l = a.usd_per_hour * static_cast<double>(sb);
  double r = b.usd_per_hour * static_cast<double>(sa);
  double tol = 1e-12 * std::max(std::fabs(l), std::fabs(r));
  if (l < r - tol) return -1;
  if (l > r + tol) return 1;
  return 0;
}

bool better(const InstanceType& a, long long sa, const InstanceType& b, long long sb) {
  if (int c = compare_per_session(a, sa, b, sb); c != 0) return c < 0;
  if (a.vcpus != b.vcpus) return a.vcpus < b.vcpus;
  if (a.memory_gib != b.memory_gib) return a.memory_gib < b.memory_gib;
  return a.name < b.name;
}

}  // namespace

double schedulable_memory_gib(const InstanceType& it) { return static_cast<double>(schedulable_mib(it)) / 1024.0; }

int sessions_per_node(const InstanceType& it, const Workload& w) { return static_cast<int>(fit(it, w).sessions); }

std::string compute_resource_name(std::string_view instance_type) {
  std::string out;
  for (char c : instance_type) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (ok) {
      out.push_back(c);
    } else if (!out.empty() && out.back() != '-') {
      out.push_back('-');
    }
  }
  if (out.empty() || !(out[0] >= 'a' && out[0] <= 'z')) out = "cr-" + out;
  if (out.size() > 25) out.resize(25);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

double round_cents(double usd) {
  // Via whole micro-dollars, so that a product like 730 x 0.0305 = 22.265 (stored as
  // 22.26499...) rounds half away from zero as its decimal value says, on every platform.
  long long micro = std::llround(usd * 1e6);
  long long cents = micro >= 0 ? (micro + 5000) / 10000 : -((-micro + 5000) / 10000);
  return static_cast<double>(cents) / 100.0;
}

QueuePlan plan_queue(const Workload& w, long long workload_sessions, const std::string& profile_path) {
  auto fail = [&](std::string message, std::string hint) -> void {
    throw InputError(profile_path, w.mark.line, w.mark.col, "PROFILE-WORKLOAD-FIT", std::move(message),
                     std::move(hint));
  };
  if (w.cpus < 1 || !(w.memory_gib > 0) || w.gpus < 0) {
    fail(fmt::format("workload '{}' needs cpus >= 1, memory_gib > 0 and gpus >= 0 per session", w.name),
         "set the per-session resources of the workload");
  }

  const InstanceType* best = nullptr;
  const InstanceType* runner_up = nullptr;
  long long best_s = 0, runner_s = 0;
  int candidates = 0;
  int max_vcpus = 0, max_gpus = 0;
  double max_sched = 0;
  for (const auto& it : instance_catalog()) {
    if (!eligible(it, w)) continue;
    ++candidates;
    max_vcpus = std::max(max_vcpus, it.vcpus);
    max_gpus = std::max(max_gpus, it.gpus);
    max_sched = std::max(max_sched, schedulable_memory_gib(it));
    long long s = fit(it, w).sessions;
    if (s <= 0) continue;
    if (!best || better(it, s, *best, best_s)) {
      runner_up = best;
      runner_s = best_s;
      best = &it;
      best_s = s;
    } else if (!runner_up || better(it, s, *runner_up, runner_s)) {
      runner_up = &it;
      runner_s = s;
    }
  }
  if (!best) {
    std::string kind = w.gpus > 0 ? "GPU" : "CPU (non-burstable)";
    fail(fmt::format("workload '{}' needs {} vCPUs, {} GiB memory{} per session; no {} instance type in the "
                     "catalog fits one session (the largest offer {} vCPUs, {} GiB schedulable memory{})",
                     w.name, w.cpus, fmt_num(w.memory_gib),
                     w.gpus > 0 ? fmt::format(" and {} GPUs", w.gpus) : std::string(), kind, max_vcpus,
                     fmt_gib(max_sched), w.gpus > 0 ? fmt::format(", {} GPUs", max_gpus) : std::string()),
         "lower the workload's per-session cpus, memory_gib or gpus, or add a larger instance type to "
         "data/instance-catalog.yaml");
  }

  QueuePlan q;
  q.name = w.name;
  q.instance = *best;
  q.compute_resource = compute_resource_name(best->name);
  q.sessions_per_node = static_cast<int>(best_s);
  q.schedulable_memory_gib = schedulable_memory_gib(*best);
  q.peak_sessions = std::max(0LL, workload_sessions);
  long long nodes = (q.peak_sessions + best_s - 1) / best_s;
  q.min_count = 0;
  q.max_count = static_cast<int>(std::clamp<long long>(nodes, 1, INT_MAX));
  q.workload = w;

  Fit f = fit(*best, w);
  q.reason.rule = "compute-cheapest-per-session";
  q.reason.source =
      fmt::format("data/instance-catalog.yaml (compiled {}); {}", sizing::catalog_as_of(), sizing::kSchedulableMemory);
  std::string alt = runner_up ? fmt::format("; next best {} at ${:.4f}", runner_up->name,
                                            runner_up->usd_per_hour / static_cast<double>(runner_s))
                              : std::string();
  q.reason.text = fmt::format(
      "{} fits {} session{} per node ({}) at ${:.4f} per session-hour, the lowest of {} {} candidates{}; "
      "{} peak sessions / {} per node = {} node{} (MaxCount{}); MinCount 0 so the queue scales to zero; "
      "memory is packed against the 95% Slurm can schedule, no further reserve",
      best->name, best_s, best_s == 1 ? "" : "s", describe_fit(*best, w, f),
      best->usd_per_hour / static_cast<double>(best_s), candidates, w.gpus > 0 ? "GPU" : "CPU", alt, q.peak_sessions,
      best_s, nodes, nodes == 1 ? "" : "s", nodes < 1 ? ", raised to the minimum 1" : "");
  return q;
}

}  // namespace pwpc
