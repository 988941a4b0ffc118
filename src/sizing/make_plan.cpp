// make_plan: applies every sizing rule to a Profile and prices the result.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "pwpc/diagnostics.hpp"

#include "pwpc/sizing.hpp"
#include "sizing/sizing_data.hpp"
#include "sizing/sizing_util.hpp"

namespace pwpc {

using sizing::FigureKind;
using sizing::fmt_num;

namespace {

// The instance a node role uses: the profile's choice, or the tested type.
Plan::Nodes node_role(const std::string& chosen, FigureKind tested_kind, const std::string& role,
                      std::vector<PlanWarning>& warnings) {
  const auto& tested = sizing::figure(tested_kind);
  Plan::Nodes n;
  std::string type = chosen.empty() ? std::string(tested.text) : chosen;
  if (const InstanceType* it = find_instance_type(type)) {
    n.instance = *it;
  } else {
    n.instance.name = type;
    n.instance.price_confidence = "unknown";
    warnings.push_back({"price-unknown", "warning",
                        fmt::format("{} instance type {} is not in data/instance-catalog.yaml; its cost is "
                                    "left out of the monthly total",
                                    role, type)});
  }
  n.type_reason.source = std::string(tested.source);
  if (chosen.empty()) {
    n.type_reason.rule = "node-type-tested";
    n.type_reason.text = fmt::format("{} nodes: {}, the type the reference architecture was tested with", role, type);
  } else {
    n.type_reason.rule = "node-type-profile";
    n.type_reason.text = fmt::format("{} nodes: {} as the profile sets it (the reference architecture tested {})", role,
                                     type, tested.text);
  }
  return n;
}

// A unit price: at least two decimals ($0.30, $0.1856).
std::string money(double usd) {
  std::string s = fmt_num(usd);
  auto dot = s.find('.');
  if (dot == std::string::npos || s.size() - dot - 1 < 2) s = fmt::format("{:.2f}", usd);
  return "$" + s;
}

void add_item(Plan& plan, std::string item, std::string detail, double usd, std::string source) {
  plan.cost.items.push_back({std::move(item), std::move(detail), round_cents(usd), std::move(source)});
}

void price_plan(Plan& plan) {
  const auto& pr = sizing::prices();
  const double h = pr.hours_per_month;
  const std::string hours_note = fmt::format("{} h/month: {}", fmt_num(h), pr.hours_source);
  auto unknown = [&](const std::string& what) {
    plan.warnings.push_back({"price-unknown", "warning",
                             fmt::format("no price for {} in the embedded price data; it is left out of the "
                                         "monthly total",
                                         what)});
  };

  // Login and head nodes run all month.
  auto nodes = [&](const char* item, const Plan::Nodes& n) {
    if (n.instance.usd_per_hour > 0) {
      add_item(
          plan, item,
          fmt::format("{} x {} x {} h x {}/h", n.count, n.instance.name, fmt_num(h), money(n.instance.usd_per_hour)),
          n.count * h * n.instance.usd_per_hour, n.instance.price_source);
    } else {
      add_item(plan, item, fmt::format("{} x {}: no price in the catalog", n.count, n.instance.name), 0,
               "none (not in data/instance-catalog.yaml)");
    }
  };
  nodes("login nodes", plan.login_nodes);
  nodes("head node", plan.head_node);

  auto database = [&](const char* item, const Plan::Database& db) {
    if (const auto* p = pr.find_rds(db.engine, db.instance_class)) {
      add_item(
          plan, item,
          fmt::format("1 x {} ({}) x {} h x {}/h", db.instance_class, db.engine, fmt_num(h), money(p->usd_per_hour)),
          h * p->usd_per_hour, fmt::format("{} ({}), confidence {}", p->source, p->as_of, p->confidence));
    } else {
      unknown(fmt::format("RDS {} {}", db.engine, db.instance_class));
      add_item(plan, item, fmt::format("1 x {} ({}): no price", db.instance_class, db.engine), 0, "none");
    }
  };
  database("database: Workbench (PostgreSQL)", plan.workbench_db);
  database("database: Slurm accounting (MySQL)", plan.slurm_accounting_db);

  if (const auto* p = pr.find_fsx(plan.home.deployment_type, plan.home.throughput_per_tib)) {
    add_item(plan, "storage: /home (FSx for Lustre)",
             fmt::format("{} GiB {} x {}/GB-month", plan.home.capacity_gib, plan.home.deployment_type,
                         money(p->usd_per_gb_month)),
             plan.home.capacity_gib * p->usd_per_gb_month,
             fmt::format("{} ({}), confidence {}", p->source, p->as_of, p->confidence));
  } else {
    std::string what =
        plan.home.deployment_type.starts_with("SCRATCH")
            ? fmt::format("FSx for Lustre {}", plan.home.deployment_type)
            : fmt::format("FSx for Lustre {} at {} MB/s/TiB", plan.home.deployment_type, plan.home.throughput_per_tib);
    unknown(what);
    add_item(plan, "storage: /home (FSx for Lustre)",
             fmt::format("{} GiB {}: no price", plan.home.capacity_gib, plan.home.deployment_type), 0, "none");
  }

  double efs_gb = 0;
  for (const auto& e : plan.efs) efs_gb += e.assumed_gb;
  add_item(
      plan, "storage: EFS",
      fmt::format("{} file systems x {} GB (assumed) x {}/GB-month", plan.efs.size(), fmt_num(pr.efs.assumed_gb),
                  money(pr.efs.usd_per_gb_month)),
      efs_gb * pr.efs.usd_per_gb_month,
      fmt::format("{} ({}), confidence {}; {}", pr.efs.source, pr.efs.as_of, pr.efs.confidence, pr.efs.assumption));

  add_item(
      plan, "load balancer (ALB)",
      fmt::format("{} h x {}/h + {} LCU (assumed) x {} h x {}/LCU-h", fmt_num(h), money(pr.alb.usd_per_hour),
                  fmt_num(pr.alb.assumed_lcus), fmt_num(h), money(pr.alb.usd_per_lcu_hour)),
      h * pr.alb.usd_per_hour + pr.alb.assumed_lcus * h * pr.alb.usd_per_lcu_hour,
      fmt::format("{} ({}), confidence {}; {}", pr.alb.source, pr.alb.as_of, pr.alb.confidence, pr.alb.assumption));

  std::string names, which;
  for (std::size_t i = 0; i < pr.secrets.secrets.size(); ++i) {
    names += (i ? ", " : "") + pr.secrets.secrets[i].name;
    which += (i ? "; " : "") + pr.secrets.secrets[i].purpose;
  }
  add_item(plan, "Secrets Manager",
           fmt::format("{} secrets ({}) x {}/secret-month", pr.secrets.secrets.size(), names,
                       money(pr.secrets.usd_per_secret_month)),
           static_cast<double>(pr.secrets.secrets.size()) * pr.secrets.usd_per_secret_month,
           fmt::format("{} ({}), confidence {}; secrets: {}", pr.secrets.source, pr.secrets.as_of,
                       pr.secrets.confidence, which));

  const double ch = std::max(0.0, plan.profile.pricing.compute_hours_per_month);
  for (const auto& q : plan.queues) {
    add_item(plan, "compute: " + q.name,
             fmt::format("{} x {} x {} h at peak x {}/h", q.max_count, q.instance.name, fmt_num(ch),
                         money(q.instance.usd_per_hour)),
             q.max_count * ch * q.instance.usd_per_hour, q.instance.price_source);
  }

  long long cents = 0;
  for (const auto& i : plan.cost.items) cents += std::llround(i.monthly_usd * 100.0);
  plan.cost.monthly_usd = static_cast<double>(cents) / 100.0;
  plan.cost.prices_as_of = pr.as_of;
  plan.cost.region = pr.region;
  plan.cost.reason = {
      "cost-sum",
      fmt::format("sum of {} items, each rounded to cents; always-on services for {} h/month, compute at its peak "
                  "node count for {} h/month (profile pricing.compute_hours_per_month)",
                  plan.cost.items.size(), fmt_num(h), fmt_num(ch)),
      fmt::format("data/prices.yaml and data/instance-catalog.yaml (as of {}; {} on-demand, {}); {}", pr.as_of,
                  pr.region, pr.currency, hours_note)};
  plan.cost.excluded = {
      "EBS root volumes of head, login and compute nodes",
      "RDS storage (>= 20 GB each) and backups",
      "FSx for Lustre and EFS backups",
      "data transfer",
      "load-balancer capacity beyond the assumed LCUs",
      "compute beyond the peak hours (off-peak sessions and batch jobs)",
      "taxes, support plans, savings plans or reserved-instance discounts",
  };
  if (!plan.profile.cluster.region.empty() && plan.profile.cluster.region != pr.region) {
    plan.warnings.push_back(
        {"price-region", "info",
         fmt::format("prices are {} on-demand; {} may differ", pr.region, plan.profile.cluster.region)});
  }
}

}  // namespace

Plan make_plan(const Profile& p) {
  Plan plan;
  plan.profile = p;
  auto& w = plan.warnings;

  // Sessions at peak.
  plan.sessions.peak = peak_sessions(p.users.concurrent, p.users.sessions_per_user);
  plan.sessions.reason = {
      "peak-sessions",
      fmt::format("ceil({} concurrent users x {} sessions per user) = {}", p.users.concurrent,
                  fmt_num(p.users.sessions_per_user), plan.sessions.peak),
      std::string(sizing::kRefLoginHead) + " ('session volume will equal twice the number of concurrent users')"};

  // Login and head nodes.
  plan.head_node = node_role(p.cluster.head_node_instance_type, FigureKind::HeadNodeType, "head", w);
  plan.head_node.count = 1;
  plan.head_node.reason = {"head-node-single",
                           "one head node, as tested; it is not load-balanced (if it fails, new sessions wait for "
                           "its replacement while running sessions continue)",
                           std::string(sizing::figure(FigureKind::HeadNodeType).source)};
  Plan::Nodes login_type = node_role(p.cluster.login_node_instance_type, FigureKind::LoginNodeType, "login", w);
  bool untested_login = false;
  Reason login_why;
  plan.login_nodes.count = login_node_count(plan.sessions.peak, &login_why, &untested_login);
  plan.login_nodes.instance = login_type.instance;
  plan.login_nodes.reason = login_why;
  plan.login_nodes.type_reason = login_type.type_reason;
  if (untested_login) {
    const auto last = sizing::figures_of(FigureKind::LoginNodes).back();
    w.push_back({"untested-scale", "warning",
                 fmt::format("{} peak sessions is beyond the reference architecture's tested {}; {} login nodes is "
                             "an extrapolation of the tested ratio ({} per {} sessions); load-test before relying "
                             "on it",
                             plan.sessions.peak, last.up_to, plan.login_nodes.count, last.number, last.up_to)});
  }

  // Databases.
  bool untested_db = false;
  Reason db_why;
  std::string db_class = database_class(plan.sessions.peak, &db_why, &untested_db);
  plan.workbench_db = {"postgres", db_class, db_why};
  plan.slurm_accounting_db = {"mysql", db_class, db_why};
  plan.workbench_db.reason.text = "RDS for PostgreSQL (Workbench metadata): " + db_why.text;
  plan.slurm_accounting_db.reason.text = "RDS for MySQL (Slurm accounting): " + db_why.text;
  if (untested_db) {
    const auto& tested = sizing::figure(FigureKind::DatabaseClass);
    w.push_back({"untested-scale", "warning",
                 fmt::format("{} peak sessions is beyond the tested {} for {}; both databases are planned as {} "
                             "(untested); watch their CPU credits and connection counts",
                             plan.sessions.peak, tested.up_to, tested.text, db_class)});
  }

  // FSx for Lustre /home.
  long long named = p.users.named > 0 ? p.users.named : p.users.concurrent;
  plan.home.deployment_type = p.storage.home_deployment_type;
  plan.home.throughput_per_tib =
      plan.home.deployment_type.starts_with("PERSISTENT") ? p.storage.home_throughput_per_tib : 0;
  plan.home.need_gib = static_cast<double>(named) * p.storage.home_gib_per_user;
  try {
    plan.home.capacity_gib = fsx_lustre_capacity(plan.home.need_gib, plan.home.deployment_type);
  } catch (const std::invalid_argument& e) {
    throw InputError(p.path, 0, 0, "PROFILE-STORAGE", e.what(),
                     "storage.home_deployment_type is one of SCRATCH_1, SCRATCH_2, PERSISTENT_1, PERSISTENT_2");
  }
  plan.home.reason = {
      "fsx-lustre-capacity",
      fmt::format("{} named users x {} GiB = {} GiB needed; the smallest valid {} capacity >= that is {} GiB ({})",
                  named, fmt_num(p.storage.home_gib_per_user), fmt_num(plan.home.need_gib), plan.home.deployment_type,
                  plan.home.capacity_gib,
                  plan.home.deployment_type == "SCRATCH_1" ? "1200, 2400, then multiples of 3600"
                                                           : "1200, then multiples of 2400"),
      std::string(sizing::kRefStorage) + "; " + std::string(sizing::kFsxCapacity)};

  // EFS: metadata only.
  const auto& pr = sizing::prices();
  Reason efs_why{"efs-metadata",
                 fmt::format("EFS holds a few GB of metadata and grows elastically, so it needs no sizing; the cost "
                             "estimate assumes {} GB",
                             fmt_num(pr.efs.assumed_gb)),
                 std::string(sizing::kRefStorage)};
  plan.efs.push_back(
      {"rstudio", "Workbench configuration (RSTUDIO_CONFIG_DIR)", "/opt/rstudio", pr.efs.assumed_gb, efs_why});
  plan.efs.push_back({"cluster-shared",
                      "ParallelCluster shared data (SharedStorageType: Efs: /opt/slurm, /opt/parallelcluster/shared, "
                      "/opt/intel, shared_login)",
                      "", pr.efs.assumed_gb, efs_why});

  // Compute queues, one per workload.
  for (const auto& wl : p.workloads) {
    long long ws = sizing::ceil_tolerant(static_cast<double>(plan.sessions.peak) * wl.share);
    QueuePlan q = plan_queue(wl, ws, p.path);
    q.reason.text =
        fmt::format("ceil({} peak sessions x share {}) = {} sessions; ", plan.sessions.peak, fmt_num(wl.share), ws) +
        q.reason.text;
    plan.queues.push_back(std::move(q));
  }

  // Small teams.
  const auto& small = sizing::figure(FigureKind::SingleServerBelowUsers);
  if (p.users.concurrent < small.number) {
    w.push_back({"single-server-simpler", "info",
                 fmt::format("{} concurrent users is below {}: a single-server Workbench is simpler to run; the "
                             "reference architecture calls this setup unnecessary for relatively small teams with "
                             "stable workloads",
                             p.users.concurrent, small.number)});
  }

  price_plan(plan);
  return plan;
}

}  // namespace pwpc
