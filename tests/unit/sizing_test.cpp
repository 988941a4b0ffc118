#include <catch2/catch.hpp>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "pwpc/sizing.hpp"
#include "sizing/sizing_data.hpp"
#include "test_support.hpp"

using namespace pwpc;

namespace {

Workload workload(std::string name, double share, int cpus, double mem, int gpus = 0, int line = 10) {
  Workload w;
  w.name = std::move(name);
  w.share = share;
  w.cpus = cpus;
  w.memory_gib = mem;
  w.gpus = gpus;
  w.mark = {line, 5};
  return w;
}

Profile profile(long long concurrent, double sessions_per_user = 2.0) {
  Profile p;
  p.path = "team/profile.yaml";
  p.cluster.name = "ds";
  p.cluster.region = "us-east-1";
  p.users.concurrent = concurrent;
  p.users.named = concurrent;
  p.users.sessions_per_user = sessions_per_user;
  p.workloads = {workload("interactive", 0.8, 1, 4, 0, 12), workload("gpu", 0.2, 4, 8, 1, 18)};
  return p;
}

bool has_warning(const Plan& p, const std::string& code, const std::string& severity) {
  for (const auto& w : p.warnings) {
    if (w.code == code && w.severity == severity) return true;
  }
  return false;
}

int count_warnings(const Plan& p, const std::string& code) {
  int n = 0;
  for (const auto& w : p.warnings) n += w.code == code;
  return n;
}

const InstanceType& type(const std::string& name) {
  const InstanceType* t = find_instance_type(name);
  REQUIRE(t != nullptr);
  return *t;
}

// ParallelCluster's ^[a-z][a-z0-9-]*$ (no std::regex: it trips -Wmaybe-uninitialized under ASan).
bool pc_name(const std::string& s) {
  if (s.empty() || s[0] < 'a' || s[0] > 'z') return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

// Values of every "monthly_usd" key in pretty-printed JSON text, as written.
std::vector<std::string> monthly_usd_literals(const std::string& s) {
  std::vector<std::string> out;
  const std::string key = "\"monthly_usd\": ";
  for (auto pos = s.find(key); pos != std::string::npos; pos = s.find(key, pos + 1)) {
    auto start = pos + key.size();
    auto end = s.find_first_of(",\n", start);
    out.push_back(s.substr(start, end - start));
  }
  return out;
}

void check_reason(const Reason& r) {
  CHECK_FALSE(r.rule.empty());
  CHECK_FALSE(r.text.empty());
  CHECK_FALSE(r.source.empty());
}

}  // namespace

TEST_CASE("peak sessions are ceil(concurrent x sessions per user)", "[sizing]") {
  CHECK(peak_sessions(1000, 2.0) == 2000);
  CHECK(peak_sessions(3, 1.5) == 5);
  CHECK(peak_sessions(10, 1.1) == 11);  // 11.000000000000002 in binary floating point
  CHECK(peak_sessions(7, 1.01) == 8);
  CHECK(peak_sessions(0, 2.0) == 0);
  CHECK(peak_sessions(100, 0) == 0);
}

TEST_CASE("login nodes follow the tested table at its boundaries", "[sizing]") {
  struct Case {
    long long sessions;
    int nodes;
  };
  for (auto c : {Case{0, 2}, Case{1, 2}, Case{500, 2}, Case{501, 4}, Case{1000, 4}, Case{1001, 6}, Case{2000, 6},
                 Case{2001, 6}, Case{5000, 6}}) {
    Reason why;
    bool untested = true;
    INFO(c.sessions << " sessions");
    CHECK(login_node_count(c.sessions, &why, &untested) == c.nodes);
    CHECK_FALSE(untested);
    CHECK(why.rule == "login-nodes-tested-table");
    CHECK(why.text.find("tested row") != std::string::npos);
  }
}

TEST_CASE("login nodes above 5000 sessions extrapolate ceil(sessions x 6 / 5000)", "[sizing]") {
  Reason why;
  bool untested = false;
  CHECK(login_node_count(5001, &why, &untested) == 7);
  CHECK(untested);
  CHECK(why.rule == "login-nodes-extrapolated");
  CHECK(login_node_count(10000) == 12);
  CHECK(login_node_count(10001) == 13);
  CHECK(login_node_count(6000) == 8);  // 7.2 -> 8
}

TEST_CASE("plan at the 500/1000/2000/5000 session boundaries", "[sizing]") {
  struct Case {
    long long concurrent;
    int nodes;
    bool untested;
  };
  for (auto c : {Case{500, 2, false}, Case{501, 4, false}, Case{1000, 4, false}, Case{1001, 6, false},
                 Case{2000, 6, false}, Case{2001, 6, false}, Case{5000, 6, false}, Case{5001, 7, true}}) {
    INFO(c.concurrent << " sessions");
    Plan p = make_plan(profile(c.concurrent, 1.0));
    CHECK(p.sessions.peak == c.concurrent);
    CHECK(p.login_nodes.count == c.nodes);
    CHECK(p.login_nodes.instance.name == "t2.xlarge");
    CHECK(p.head_node.count == 1);
    CHECK(p.head_node.instance.name == "t2.xlarge");
    CHECK(has_warning(p, "untested-scale", "warning") == c.untested);
  }
}

TEST_CASE("databases are db.t3.micro up to 5000 sessions, larger and untested above", "[sizing]") {
  Reason why;
  bool untested = true;
  CHECK(database_class(5000, &why, &untested) == "db.t3.micro");
  CHECK_FALSE(untested);
  CHECK(why.rule == "database-tested");
  CHECK(database_class(5001, &why, &untested) == "db.t3.small");
  CHECK(untested);
  CHECK(why.rule == "database-extrapolated");
  CHECK(database_class(10000) == "db.t3.small");
  CHECK(database_class(10001) == "db.t3.medium");
  CHECK(database_class(1'000'000) == "db.t3.medium");

  Plan small = make_plan(profile(2500));  // 5000 sessions
  CHECK(small.workbench_db.instance_class == "db.t3.micro");
  CHECK(small.workbench_db.engine == "postgres");
  CHECK(small.slurm_accounting_db.instance_class == "db.t3.micro");
  CHECK(small.slurm_accounting_db.engine == "mysql");
  CHECK(count_warnings(small, "untested-scale") == 0);

  Plan big = make_plan(profile(2501));  // 5002 sessions
  CHECK(big.workbench_db.instance_class == "db.t3.small");
  CHECK(big.slurm_accounting_db.instance_class == "db.t3.small");
  CHECK(count_warnings(big, "untested-scale") == 2);  // login nodes and databases
}

TEST_CASE("FSx for Lustre capacity is the smallest valid size", "[sizing]") {
  for (std::string dt : {"SCRATCH_2", "PERSISTENT_1", "PERSISTENT_2"}) {
    INFO(dt);
    CHECK(fsx_lustre_capacity(0, dt) == 1200);
    CHECK(fsx_lustre_capacity(1, dt) == 1200);
    CHECK(fsx_lustre_capacity(1200, dt) == 1200);
    CHECK(fsx_lustre_capacity(1201, dt) == 2400);
    CHECK(fsx_lustre_capacity(1200.5, dt) == 2400);
    CHECK(fsx_lustre_capacity(2400, dt) == 2400);
    CHECK(fsx_lustre_capacity(2401, dt) == 4800);
    CHECK(fsx_lustre_capacity(4800, dt) == 4800);
    CHECK(fsx_lustre_capacity(4801, dt) == 7200);
  }
  CHECK(fsx_lustre_capacity(1200, "SCRATCH_1") == 1200);
  CHECK(fsx_lustre_capacity(1201, "SCRATCH_1") == 2400);
  CHECK(fsx_lustre_capacity(2400, "SCRATCH_1") == 2400);
  CHECK(fsx_lustre_capacity(2401, "SCRATCH_1") == 3600);
  CHECK(fsx_lustre_capacity(3600, "SCRATCH_1") == 3600);
  CHECK(fsx_lustre_capacity(3601, "SCRATCH_1") == 7200);
  CHECK(fsx_lustre_capacity(7201, "SCRATCH_1") == 10800);
  CHECK_THROWS_AS(fsx_lustre_capacity(100, "PERSISTENT_3"), std::invalid_argument);
}

TEST_CASE("the plan sizes /home from named users x GiB per user", "[sizing]") {
  Profile p = profile(100);
  p.users.named = 241;
  p.storage.home_gib_per_user = 10;  // 2410 GiB
  Plan plan = make_plan(p);
  CHECK(plan.home.need_gib == 2410);
  CHECK(plan.home.capacity_gib == 4800);
  CHECK(plan.home.deployment_type == "PERSISTENT_2");
  CHECK(plan.home.throughput_per_tib == 125);
  CHECK(plan.home.reason.text.find("2410 GiB") != std::string::npos);

  p.storage.home_deployment_type = "SCRATCH_1";
  plan = make_plan(p);
  CHECK(plan.home.capacity_gib == 3600);
  CHECK(plan.home.throughput_per_tib == 0);

  p.storage.home_deployment_type = "PERSISTENT_9";
  auto ds = test::input_errors([&] { make_plan(p); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "PROFILE-STORAGE");
}

TEST_CASE("sessions per node never over-commit Slurm's schedulable memory", "[sizing]") {
  // 16 GiB EC2 = 15564 MiB schedulable (95%): three 4 GiB sessions, not four.
  CHECK(sessions_per_node(type("m6i.xlarge"), workload("w", 1, 1, 4)) == 3);
  CHECK(schedulable_memory_gib(type("m6i.xlarge")) == Approx(15564.0 / 1024));
  // CPU-bound: 2 vCPUs per session on 4 vCPUs.
  CHECK(sessions_per_node(type("m6i.xlarge"), workload("w", 1, 2, 1)) == 2);
  // Memory-bound on a memory-optimized type: 32 GiB -> 30.4 GiB -> three 8 GiB sessions
  // (four vCPUs would allow four).
  CHECK(sessions_per_node(type("r6i.xlarge"), workload("w", 1, 1, 8)) == 3);
  // A session exactly the size of the node does not fit (the node has 95% of it).
  CHECK(sessions_per_node(type("m6i.xlarge"), workload("w", 1, 1, 16)) == 0);
  // GPUs limit GPU sessions; CPU-only types hold none.
  CHECK(sessions_per_node(type("g4dn.4xlarge"), workload("w", 1, 1, 1, 1)) == 1);
  CHECK(sessions_per_node(type("m6i.8xlarge"), workload("w", 1, 1, 1, 1)) == 0);

  for (const auto& it : instance_catalog()) {
    for (double mem : {0.5, 1.0, 2.0, 3.8, 4.0, 7.5, 8.0, 15.2, 30.0}) {
      for (int cpus : {1, 2, 3, 4, 8}) {
        int s = sessions_per_node(it, workload("w", 1, cpus, mem));
        INFO(it.name << " " << cpus << " cpus " << mem << " GiB -> " << s);
        CHECK(s * cpus <= it.vcpus);
        CHECK(s * mem <= it.memory_gib * 0.95 + 1e-9);
      }
    }
  }
}

TEST_CASE("a memory-heavy workload gets a memory-optimized type and is not over-committed", "[sizing]") {
  Workload w = workload("bigmem", 1, 1, 7);
  QueuePlan q = plan_queue(w, 100, "p.yaml");
  CHECK(q.instance.name == "r6i.xlarge");  // 4 per node at $0.063 beats m6i.xlarge's 2 at $0.096
  CHECK(q.sessions_per_node == 4);
  CHECK(q.sessions_per_node * w.memory_gib <= q.schedulable_memory_gib);
  CHECK(q.max_count == 25);
  CHECK(q.min_count == 0);
  CHECK(q.compute_resource == "r6i-xlarge");
  CHECK(q.reason.rule == "compute-cheapest-per-session");
  check_reason(q.reason);
}

TEST_CASE("a CPU-heavy workload gets a compute-optimized type", "[sizing]") {
  QueuePlan q = plan_queue(workload("cpu", 1, 4, 2), 10, "p.yaml");
  CHECK(q.instance.name == "c6i.xlarge");
  CHECK(q.sessions_per_node == 1);
  CHECK(q.max_count == 10);
}

TEST_CASE("CPU workloads never get GPU or burstable types; ties go to the smaller type", "[sizing]") {
  // 1 vCPU, 2 GiB: c6i.4xlarge packs 15 (31129 MiB / 2048) at $0.0453 per session, less
  // than m6i.xlarge's 4 at $0.048; c6i.8xlarge ties per session (30 x 2 GiB) but is larger.
  // t3.xlarge would look cheaper still, but it is burstable (CPU credits).
  QueuePlan q = plan_queue(workload("std", 1, 1, 2), 37, "p.yaml");
  CHECK(q.instance.name == "c6i.4xlarge");
  CHECK(q.sessions_per_node == 15);
  CHECK(q.max_count == 3);  // ceil(37 / 15)
  // 1 vCPU, 1 GiB: every c6i size gives $0.0425 per session; the smallest wins.
  QueuePlan tie = plan_queue(workload("tiny", 1, 1, 1), 37, "p.yaml");
  CHECK(tie.instance.name == "c6i.xlarge");
  CHECK(tie.sessions_per_node == 4);
  CHECK(tie.max_count == 10);
  for (const auto& w : {workload("a", 1, 1, 1), workload("b", 1, 4, 14), workload("c", 1, 2, 8)}) {
    QueuePlan x = plan_queue(w, 10, "p.yaml");
    CHECK(x.instance.gpus == 0);
    CHECK_FALSE(x.instance.burstable);
  }
}

TEST_CASE("a GPU workload gets a GPU instance type", "[sizing]") {
  QueuePlan q = plan_queue(workload("gpu", 1, 4, 8, 1), 5, "p.yaml");
  CHECK(q.instance.name == "g4dn.xlarge");
  CHECK(q.instance.gpus == 1);
  CHECK(q.instance.gpu_type == "t4");
  CHECK(q.sessions_per_node == 1);
  CHECK(q.max_count == 5);
  // 16 GiB per session does not fit a 16 GiB node (15.2 GiB schedulable): the next size up.
  QueuePlan big = plan_queue(workload("gpu", 1, 4, 16, 1), 5, "p.yaml");
  CHECK(big.instance.name == "g4dn.2xlarge");
}

TEST_CASE("a workload that fits no instance type is an InputError at its mark", "[sizing]") {
  Profile p = profile(100);
  p.workloads = {workload("interactive", 0.5, 1, 4, 0, 12), workload("huge", 0.5, 2, 500, 0, 21)};
  auto ds = test::input_errors([&] { make_plan(p); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].rule == "PROFILE-WORKLOAD-FIT");
  CHECK(ds[0].file == "team/profile.yaml");
  CHECK(ds[0].line == 21);
  CHECK(ds[0].col == 5);
  CHECK(ds[0].message.find("huge") != std::string::npos);
  CHECK(ds[0].message.find("500 GiB") != std::string::npos);
  CHECK_FALSE(ds[0].hint.empty());

  // Two GPUs per session: every GPU type in the catalog has one.
  auto gpu = test::input_errors([&] { plan_queue(workload("multi", 1, 4, 8, 2), 1, "x.yaml"); });
  REQUIRE(gpu.size() == 1);
  CHECK(gpu[0].rule == "PROFILE-WORKLOAD-FIT");
  CHECK(test::mentions(gpu, "GPU"));

  auto bad = test::input_errors([&] { plan_queue(workload("zero", 1, 0, 8), 1, "x.yaml"); });
  REQUIRE(bad.size() == 1);
  CHECK(bad[0].rule == "PROFILE-WORKLOAD-FIT");
}

TEST_CASE("one queue per workload sized from ceil(peak x share)", "[sizing]") {
  Profile p = profile(1000);  // 2000 sessions
  p.workloads = {workload("interactive", 0.667, 1, 4), workload("gpu", 0.333, 4, 8, 1)};
  Plan plan = make_plan(p);
  REQUIRE(plan.queues.size() == 2);
  CHECK(plan.queues[0].name == "interactive");
  CHECK(plan.queues[0].peak_sessions == 1334);
  CHECK(plan.queues[1].name == "gpu");
  CHECK(plan.queues[1].peak_sessions == 666);
  CHECK(plan.queues[1].instance.gpus > 0);
  for (const auto& q : plan.queues) {
    CHECK(q.min_count == 0);
    CHECK(q.max_count == (q.peak_sessions + q.sessions_per_node - 1) / q.sessions_per_node);
  }
  // A workload with no sessions at peak still gets MaxCount 1 (ParallelCluster's minimum).
  p.workloads = {workload("interactive", 1.0, 1, 4), workload("rare", 0.0, 1, 4)};
  plan = make_plan(p);
  CHECK(plan.queues[1].peak_sessions == 0);
  CHECK(plan.queues[1].max_count == 1);
}

TEST_CASE("compute resource names follow ParallelCluster's rules", "[sizing]") {
  CHECK(compute_resource_name("m6i.2xlarge") == "m6i-2xlarge");
  CHECK(compute_resource_name("g4dn.xlarge") == "g4dn-xlarge");
  CHECK(compute_resource_name("9x.large") == "cr-9x-large");
  for (const auto& it : instance_catalog()) {
    std::string n = compute_resource_name(it.name);
    CHECK(pc_name(n));
    CHECK(n.size() <= 25);
  }
  std::string long_name = compute_resource_name("u-24tb1.112xlarge.extra.long.name");
  CHECK(long_name.size() <= 25);
  CHECK(pc_name(long_name));
  CHECK(long_name.back() != '-');
}

TEST_CASE("small teams get an info note that a single server is simpler", "[sizing]") {
  Plan small = make_plan(profile(19));
  CHECK(has_warning(small, "single-server-simpler", "info"));
  Plan enough = make_plan(profile(20));
  CHECK_FALSE(has_warning(enough, "single-server-simpler", "info"));
}

TEST_CASE("head and login node types can be overridden; unknown types are not priced", "[sizing]") {
  Profile p = profile(100);
  p.cluster.head_node_instance_type = "m6i.xlarge";
  p.cluster.login_node_instance_type = "x9.huge";
  Plan plan = make_plan(p);
  CHECK(plan.head_node.instance.name == "m6i.xlarge");
  CHECK(plan.head_node.type_reason.rule == "node-type-profile");
  CHECK(plan.login_nodes.instance.name == "x9.huge");
  CHECK(has_warning(plan, "price-unknown", "warning"));
  CHECK(plan.cost.items[0].item == "login nodes");
  CHECK(plan.cost.items[0].monthly_usd == 0);
}

TEST_CASE("cost: every line item from the data files, total is the sum", "[sizing]") {
  Profile p = profile(1000);
  p.users.named = 1200;
  p.storage.home_gib_per_user = 5;  // 6000 GiB -> 7200
  p.pricing.compute_hours_per_month = 176;
  Plan plan = make_plan(p);

  long long cents = 0;
  for (const auto& i : plan.cost.items) {
    INFO(i.item);
    CHECK(std::llround(i.monthly_usd * 100) == Approx(i.monthly_usd * 100).margin(1e-6));  // whole cents
    CHECK_FALSE(i.price_source.empty());
    CHECK_FALSE(i.detail.empty());
    cents += std::llround(i.monthly_usd * 100);
  }
  CHECK(std::llround(plan.cost.monthly_usd * 100) == cents);
  CHECK(plan.cost.prices_as_of == "2026-11-26");
  CHECK(plan.cost.region == "us-east-1");
  check_reason(plan.cost.reason);

  auto item = [&](const std::string& name) -> const CostItem& {
    for (const auto& i : plan.cost.items) {
      if (i.item == name) return i;
    }
    FAIL("no cost item " << name);
    throw 0;
  };
  // 6 x t2.xlarge x 730 h x 0.1856 = 812.928
  CHECK(item("login nodes").monthly_usd == Approx(812.93));
  CHECK(item("head node").monthly_usd == Approx(135.49));                        // 730 x 0.1856 = 135.488
  CHECK(item("database: Workbench (PostgreSQL)").monthly_usd == Approx(12.41));  // 730 x 0.017
  CHECK(item("database: Slurm accounting (MySQL)").monthly_usd == Approx(12.41));
  CHECK(item("storage: /home (FSx for Lustre)").monthly_usd == Approx(1044.0));  // 7200 x 0.145
  CHECK(item("storage: EFS").monthly_usd == Approx(3.0));                        // 2 x 5 GB x 0.30
  CHECK(item("load balancer (ALB)").monthly_usd == Approx(22.27));               // 730 x (0.0225 + 0.008)
  CHECK(item("Secrets Manager").monthly_usd == Approx(1.2));                     // 3 x 0.40
  CHECK(item("Secrets Manager").price_source.find("directory read-only") != std::string::npos);
  CHECK(item("Secrets Manager").detail.find("3 secrets (slurm-db, workbench-db, directory)") != std::string::npos);
  for (const auto& q : plan.queues) {
    CHECK(item("compute: " + q.name).monthly_usd == Approx(round_cents(q.max_count * 176 * q.instance.usd_per_hour)));
  }
  CHECK(plan.cost.items.size() == 8 + plan.queues.size());
}

TEST_CASE("an FSx deployment type without a price is flagged, not guessed", "[sizing]") {
  Profile p = profile(100);
  p.storage.home_deployment_type = "PERSISTENT_1";
  p.storage.home_throughput_per_tib = 200;
  Plan plan = make_plan(p);
  CHECK(has_warning(plan, "price-unknown", "warning"));
  p.storage.home_deployment_type = "SCRATCH_2";
  CHECK_FALSE(has_warning(make_plan(p), "price-unknown", "warning"));
}

TEST_CASE("every derived number carries a reason", "[sizing]") {
  Plan plan = make_plan(profile(700));
  check_reason(plan.sessions.reason);
  check_reason(plan.login_nodes.reason);
  check_reason(plan.head_node.reason);
  check_reason(plan.head_node.type_reason);
  check_reason(plan.login_nodes.type_reason);
  check_reason(plan.workbench_db.reason);
  check_reason(plan.slurm_accounting_db.reason);
  check_reason(plan.home.reason);
  for (const auto& e : plan.efs) check_reason(e.reason);
  for (const auto& q : plan.queues) check_reason(q.reason);
  check_reason(plan.cost.reason);
  REQUIRE(plan.efs.size() == 2);
  CHECK(plan.efs[0].mount_dir == "/opt/rstudio");
}

TEST_CASE("embedded catalog, prices and tested figures load", "[sizing]") {
  CHECK(instance_catalog().size() == 24);
  CHECK(type("t2.xlarge").usd_per_hour == 0.1856);
  CHECK(type("t2.xlarge").burstable);
  CHECK(type("r6i.8xlarge").memory_gib == 256);
  CHECK(type("g5.2xlarge").gpu_type == "a10g");
  CHECK(find_instance_type("p5.48xlarge") == nullptr);
  for (const auto& it : instance_catalog()) {
    CHECK_FALSE(it.price_source.empty());
    CHECK_FALSE(it.price_confidence.empty());
  }
  const auto& pr = sizing::prices();
  CHECK(pr.hours_per_month == 730);
  CHECK(pr.find_rds("postgres", "db.t3.micro") != nullptr);
  CHECK(pr.find_rds("mysql", "db.t3.medium") != nullptr);
  CHECK(pr.find_fsx("SCRATCH_2", 0) != nullptr);
  CHECK(pr.find_fsx("PERSISTENT_2", 125) != nullptr);
  CHECK(pr.find_fsx("PERSISTENT_2", 250) == nullptr);
  CHECK(pr.secrets.secrets.size() == 3);
  for (const auto& f : sizing::figures()) CHECK_FALSE(f.source.empty());
}

TEST_CASE("plan_to_json is versioned, ordered and complete", "[sizing]") {
  Plan plan = make_plan(profile(19));
  std::string s = plan_to_json(plan);
  CHECK(s.back() == '\n');
  CHECK(s == plan_to_json(make_plan(profile(19))));         // deterministic
  CHECK(s.rfind("{\n  \"schema_version\": 1,\n", 0) == 0);  // first key, 2-space indent
  auto j = nlohmann::json::parse(s);
  CHECK(j["schema_version"] == 1);
  CHECK(j["pwpc_version"] == std::string(pwpc_version()));
  CHECK(j["profile"] == "team/profile.yaml");
  CHECK(j["sessions"]["peak"] == 38);
  CHECK(j["sessions"]["reason"]["rule"] == "peak-sessions");
  CHECK(j["login_nodes"]["count"] == 2);
  CHECK(j["login_nodes"]["instance_type"] == "t2.xlarge");
  CHECK(j["login_nodes"]["reason"].contains("source"));
  CHECK(j["login_nodes"]["instance_type_reason"]["rule"] == "node-type-tested");
  CHECK(j["head_node"]["instance_type"] == "t2.xlarge");
  CHECK(j["databases"]["workbench"]["instance_class"] == "db.t3.micro");
  CHECK(j["databases"]["slurm_accounting"]["instance_class"] == "db.t3.micro");
  CHECK(j["storage"]["home"]["capacity_gib"] == 1200);
  CHECK(j["storage"]["home"]["reason"]["rule"] == "fsx-lustre-capacity");
  REQUIRE(j["queues"].size() == 2);
  for (const auto& q : j["queues"]) {
    for (auto k :
         {"name", "instance_type", "sessions_per_node", "min_count", "max_count", "compute_resource", "reason"}) {
      CHECK(q.contains(k));
    }
  }
  CHECK(j["queues"][1]["gpu_type"] == "t4");
  CHECK(j["queues"][0]["gpu_type"].is_null());
  CHECK(j["cost"]["monthly_usd"].get<double>() == Approx(plan.cost.monthly_usd));
  CHECK(j["cost"]["items"].size() == plan.cost.items.size());
  CHECK(j["cost"]["items"][0].contains("price_source"));
  REQUIRE(j["warnings"].size() == 1);
  CHECK(j["warnings"][0]["code"] == "single-server-simpler");
  CHECK(j["warnings"][0]["severity"] == "info");
  CHECK(j["warnings"][0].contains("message"));
  // Money prints with at most two decimals.
  auto literals = monthly_usd_literals(s);
  CHECK(literals.size() == plan.cost.items.size() + 1);
  for (const auto& m : literals) {
    INFO(m);
    auto dot = m.find('.');
    CHECK((dot == std::string::npos || m.size() - dot - 1 <= 2));
  }
}

TEST_CASE("plan_to_text explains every number and aligns the cost lines", "[sizing]") {
  Plan plan = make_plan(profile(1000));
  std::string t = plan_to_text(plan);
  CHECK(t == plan_to_text(make_plan(profile(1000))));
  for (auto s :
       {"Peak concurrent sessions", "Login nodes", "Head node", "db.t3.micro", "/home (FSx for Lustre)",
        "COMPUTE QUEUES", "MONTHLY COST", "total per month", "why:", "src:", "login-nodes-tested-table", "NOTES"}) {
    INFO(s);
    CHECK(t.find(s) != std::string::npos);
  }
  // Cost lines: the amount column ends at the same position on every line ("[n]" follows).
  std::istringstream in(t);
  std::string line;
  std::vector<std::size_t> ends;
  bool in_cost = false;
  while (std::getline(in, line)) {
    if (line.rfind("MONTHLY COST", 0) == 0)
      in_cost = true;
    else if (in_cost && line.empty())
      break;
    else if (in_cost && line.find("  [") != std::string::npos && line.back() == ']' && line.rfind("    [", 0) != 0) {
      ends.push_back(line.rfind("  ["));
    }
  }
  REQUIRE(ends.size() == plan.cost.items.size());
  for (auto e : ends) CHECK(e == ends.front());
  for (const auto& line2 : {std::string("total per month")}) CHECK(t.find(line2) != std::string::npos);
  for (const auto& l : [&] {
         std::vector<std::string> v;
         std::istringstream s(t);
         std::string x;
         while (std::getline(s, x)) v.push_back(x);
         return v;
       }()) {
    CHECK(l.size() <= 200);  // nothing runs away (details may exceed the 100-column wrap)
  }
}
