// Rules on Workbench's own files (rserver.conf, launcher*.conf, database.conf, vscode.conf),
// alone and together with a cluster config.
#include <catch2/catch.hpp>

#include "rule_test_support.hpp"

using namespace pwpc;
using namespace pwpc::test;

namespace {

std::string rserver() { return fixture("WB-LOAD-BALANCING/good/rserver.conf"); }
std::string launcher() { return fixture("WB-LAUNCHER-PORT/good/launcher.conf"); }
std::string cluster() { return fixture("ARCH-CUSTOM-AMI/good.yaml"); }
std::string gpu_cluster() { return fixture("WB-GPU-TYPES/good/cluster-config.yaml"); }

SourceFile rs(const std::string& text) { return source("etc/rserver.conf", text); }
SourceFile lc(const std::string& text) { return source("etc/launcher.conf", text); }
SourceFile cc(const std::string& text) { return source("cluster-config.yaml", text); }

}  // namespace

TEST_CASE("the reference Workbench configuration has no Workbench findings", "[workbench]") {
  auto r = check({rs(rserver()), lc(launcher()),
                  source("etc/database.conf", fixture("WB-DATABASE-PROVIDER/good/database.conf")),
                  source("etc/launcher.slurm.conf", fixture("WB-GPU-TYPES/good/launcher.slurm.conf")),
                  source("etc/launcher.slurm.resources.conf",
                         fixture("WB-RESOURCE-PROFILE-FIT/good/launcher.slurm.resources.conf")),
                  cc(gpu_cluster())});
  CHECK(r.count_prefix("WB-") == 0);
  CHECK(r.all.empty());
}

TEST_CASE("WB-LOAD-BALANCING and WB-LAUNCHER-SESSIONS read Workbench booleans", "[workbench]") {
  auto d =
      check({rs(edit(rserver(), "load-balancing-enabled=1", "load-balancing-enabled=0"))}).one("WB-LOAD-BALANCING");
  CHECK(d.line == 4);
  CHECK(d.col == 24);
  CHECK(d.severity == Severity::Warning);  // architecture rule on a single file
  CHECK(check({rs(edit(rserver(), "load-balancing-enabled=1", "load-balancing-enabled = true"))})
            .count("WB-LOAD-BALANCING") == 0);
  d = check({rs(edit(rserver(), "launcher-sessions-enabled=1\n", ""))}, bundle_options()).one("WB-LAUNCHER-SESSIONS");
  CHECK(d.line == 1);  // a missing key in a file without sections: line 1
  CHECK(d.severity == Severity::Error);
  CHECK(d.message.find("default 0") != std::string::npos);
}

TEST_CASE("WB-SHARED-STORAGE-PATH: the reference text's typo, paths and the storage under them", "[workbench]") {
  SECTION("server-shared-storage is reported as the typo it is, with did-you-mean") {
    auto r = check({rs(edit(rserver(), "server-shared-storage-path=", "server-shared-storage="))});
    auto d = r.one("WB-SHARED-STORAGE-PATH");
    CHECK(d.line == 10);
    CHECK(d.message.find("server-shared-storage is not a Workbench option") != std::string::npos);
    auto u = r.one("WB-UNKNOWN-OPTION");
    CHECK(u.line == 10);
    CHECK(u.severity == Severity::Warning);
    CHECK(u.hint == "did you mean 'server-shared-storage-path'?");
  }
  SECTION("a relative path") {
    auto d =
        check({rs(edit(rserver(), "=/home/rstudio/shared-storage", "=shared-storage"))}).one("WB-SHARED-STORAGE-PATH");
    CHECK(d.message.find("not an absolute path") != std::string::npos);
  }
  SECTION("with the cluster config: on EFS only a warning, off shared storage an error") {
    auto on_efs = check({rs(edit(rserver(), "=/home/rstudio/shared-storage", "=/opt/rstudio/shared")), cc(cluster())},
                        bundle_options());
    auto d = on_efs.one("WB-SHARED-STORAGE-PATH");
    CHECK(d.severity == Severity::Warning);
    CHECK(d.message.find("POSIX ACLs") != std::string::npos);
    auto local = check({rs(edit(rserver(), "=/home/rstudio/shared-storage", "=/srv/shared")), cc(cluster())});
    CHECK(local.one("WB-SHARED-STORAGE-PATH").message.find("on no SharedStorage") != std::string::npos);
    CHECK(check({rs(rserver()), cc(cluster())}).count("WB-SHARED-STORAGE-PATH") == 0);
  }
}

TEST_CASE("WB-LAUNCHER-PORT compares rserver.conf with launcher.conf", "[workbench]") {
  auto d =
      check({rs(edit(rserver(), "launcher-port=5559", "launcher-port=5558")), lc(launcher())}).one("WB-LAUNCHER-PORT");
  CHECK(d.line == 7);
  CHECK(d.col == 15);
  CHECK(d.message.find("listens on 5559 (etc/launcher.conf:3)") != std::string::npos);
  // launcher.conf without port listens on the default 5559
  CHECK(check({rs(rserver()), lc(edit(launcher(), "port=5559\n", ""))}).count("WB-LAUNCHER-PORT") == 0);
  CHECK(check({rs(rserver()), lc(edit(launcher(), "port=5559", "port=6000"))}).count("WB-LAUNCHER-PORT") == 1);
  CHECK(check({rs(edit(rserver(), "launcher-port=5559\n", "")), lc(launcher())}).one("WB-LAUNCHER-PORT").line == 1);
  // a Unix socket has no port; rserver.conf alone has nothing to compare
  std::string socket = edit(edit(rserver(), "launcher-port=5559\n", ""), "launcher-address=127.0.0.1",
                            "launcher-address=/var/run/rstudio-launcher.sock");
  CHECK(check({rs(socket), lc(launcher())}).count("WB-LAUNCHER-PORT") == 0);
  CHECK(check({rs(edit(rserver(), "launcher-port=5559", "launcher-port=1"))}).count("WB-LAUNCHER-PORT") == 0);
}

TEST_CASE("WB-LAUNCHER-CLUSTER: cluster names must exist in launcher.conf", "[workbench]") {
  std::string two = fixture("WB-LAUNCHER-CLUSTER/good/launcher.conf");
  std::string r2 = fixture("WB-LAUNCHER-CLUSTER/good/rserver.conf");
  CHECK(check({rs(r2), lc(two)}).count("WB-LAUNCHER-CLUSTER") == 0);
  auto d = check({rs(edit(r2, "launcher-default-cluster=slurminteractive", "launcher-default-cluster=Slurm")), lc(two)})
               .one("WB-LAUNCHER-CLUSTER");
  CHECK(d.message.find("'Slurm'") != std::string::npos);
  CHECK(d.message.find("clusters: slurminteractive, slurmbatch") != std::string::npos);
  // an item of a list is pointed at, with a guess
  d = check({rs(edit(r2, "launcher-sessions-clusters=slurminteractive",
                     "launcher-sessions-clusters=slurminteractive,slurm-batch")),
             lc(two)})
          .one("WB-LAUNCHER-CLUSTER");
  CHECK(d.col == 45);
  CHECK(d.hint == "did you mean 'slurmbatch'?");
}

TEST_CASE("WB-NO-LOCAL-PLUGIN and WB-SLURM-PLUGIN", "[workbench]") {
  auto d = check({lc(launcher() + "\n[cluster]\nname=Local\ntype=local\n")}).one("WB-NO-LOCAL-PLUGIN");
  CHECK(d.line == 16);
  CHECK(d.col == 6);
  auto r = check({lc("[server]\naddress=127.0.0.1\nport=5559\n")});
  CHECK(r.one("WB-SLURM-PLUGIN").line == 1);
  CHECK(r.count("WB-NO-LOCAL-PLUGIN") == 0);
}

TEST_CASE("WB-DATABASE-PROVIDER", "[workbench]") {
  auto d = check({source("database.conf", "host=db\n")}).one("WB-DATABASE-PROVIDER");
  CHECK(d.line == 1);
  CHECK(d.message.find("default sqlite") != std::string::npos);
  CHECK(check({source("database.conf", "provider=sqlite\n")}).one("WB-DATABASE-PROVIDER").col == 10);
  CHECK(check({source("database.conf", "provider=postgresql\n")}).count("WB-DATABASE-PROVIDER") == 0);
}

TEST_CASE("WB-RESOURCE-PROFILE-FIT sizes profiles against the queues' nodes", "[workbench]") {
  auto res = [](const std::string& text) { return source("launcher.slurm.resources.conf", text); };
  const std::string big_mem = "[large]\nname = \"Large\"\ncpus=8\nmem-mb=32768\n";
  SECTION("memory beyond the ~95% Slurm may schedule") {
    auto d = check({res(big_mem), cc(cluster())}).one("WB-RESOURCE-PROFILE-FIT");
    CHECK(d.line == 4);
    CHECK(d.col == 8);
    CHECK(d.message.find("31129 MiB") != std::string::npos);
    CHECK(d.message.find("m6i.2xlarge in queue interactive") != std::string::npos);
    CHECK(check({res("[large]\ncpus=8\nmem-mb=31129\n"), cc(cluster())}).count("WB-RESOURCE-PROFILE-FIT") == 0);
  }
  SECTION("more CPUs than any node has") {
    auto d = check({res("[huge]\ncpus=16\nmem-mb=1024\n"), cc(cluster())}).one("WB-RESOURCE-PROFILE-FIT");
    CHECK(d.line == 2);
    CHECK(d.message.find("has 8 vCPUs") != std::string::npos);
  }
  SECTION("a second, larger queue makes it fit") {
    CHECK(check({res(big_mem), cc(gpu_cluster())}).count("WB-RESOURCE-PROFILE-FIT") == 1);  // g4dn.xlarge is 4 vCPUs
    std::string bigger = edit(cluster(), "InstanceType: m6i.2xlarge", "InstanceType: r6i.2xlarge");
    CHECK(check({res(big_mem), cc(bigger)}).count("WB-RESOURCE-PROFILE-FIT") == 0);
  }
  SECTION("explicit SchedulableMemory and flexible instance lists") {
    std::string sched =
        edit(cluster(), "          MinCount: 0", "          SchedulableMemory: 20000\n          MinCount: 0");
    CHECK(check({res("[p]\ncpus=1\nmem-mb=25000\n"), cc(sched)}).count("WB-RESOURCE-PROFILE-FIT") == 1);
    std::string flex = edit(cluster(), "          InstanceType: m6i.2xlarge",
                            "          Instances:\n            - InstanceType: m6i.2xlarge\n"
                            "            - InstanceType: m6i.xlarge");
    CHECK(check({res("[p]\ncpus=6\nmem-mb=1024\n"), cc(flex)}).count("WB-RESOURCE-PROFILE-FIT") == 1);
  }
  SECTION("instance types outside the catalog make pwpc stay silent") {
    std::string unknown = edit(cluster(), "InstanceType: m6i.2xlarge", "InstanceType: x2iedn.32xlarge");
    CHECK(check({res(big_mem), cc(unknown)}).count("WB-RESOURCE-PROFILE-FIT") == 0);
    CHECK(check({res(big_mem)}).count("WB-RESOURCE-PROFILE-FIT") == 0);  // no cluster config
  }
}

TEST_CASE("WB-GPU-TYPES matches gpu-types with the queues' GPUs", "[workbench]") {
  auto slurm = [](const std::string& types) {
    return source("launcher.slurm.conf", "slurm-service-user=slurm\nenable-gpus=1\ngpu-types=" + types + "\n");
  };
  CHECK(check({slurm("t4"), cc(gpu_cluster())}).count("WB-GPU-TYPES") == 0);
  auto r = check({slurm("t4,v100"), cc(gpu_cluster())});
  auto d = r.one("WB-GPU-TYPES");
  CHECK(d.line == 3);
  CHECK(d.col == 14);
  CHECK(d.message.find("'v100'") != std::string::npos);
  CHECK(check({slurm("a10g"), cc(gpu_cluster())}).count("WB-GPU-TYPES") == 2);  // a10g absent, t4 unlisted
  CHECK(check({slurm("t4"), cc(cluster())}).one("WB-GPU-TYPES").message.find("no GPU instances") != std::string::npos);
  std::string unknown = edit(gpu_cluster(), "InstanceType: g4dn.xlarge", "InstanceType: p4d.24xlarge");
  CHECK(check({slurm("v100"), cc(unknown)}).count("WB-GPU-TYPES") == 0);
}

TEST_CASE("WB-UNKNOWN-OPTION: did you mean, and info for names far from any", "[workbench]") {
  auto d = check({rs(rserver() + "auth-timeout-minute=120\n")}).one("WB-UNKNOWN-OPTION");
  CHECK(d.severity == Severity::Warning);
  CHECK(d.line == 12);
  CHECK(d.hint == "did you mean 'auth-timeout-minutes'?");
  d = check({rs(rserver() + "quux=1\n")}).one("WB-UNKNOWN-OPTION");
  CHECK(d.severity == Severity::Info);
  d = check({lc(edit(launcher(), "[server]", "[servr]"))}).one("WB-UNKNOWN-OPTION");
  CHECK(d.hint == "did you mean [server]?");
  d = check({lc(edit(launcher(), "config-file=", "config-fille="))}).one("WB-UNKNOWN-OPTION");
  CHECK(d.hint == "did you mean 'config-file'?");
  CHECK(check({source("launcher.slurm.conf", "slurm-service-usr=slurm\n")}).one("WB-UNKNOWN-OPTION").hint ==
        "did you mean 'slurm-service-user'?");
  // files pwpc has no option list for are not judged
  CHECK(check({source("database.conf", "provider=postgresql\nwhatever=1\n")}).count("WB-UNKNOWN-OPTION") == 0);
}

TEST_CASE("WB-DEPRECATED-OPTION: the 2024.09 deprecations", "[workbench]") {
  auto d = check({rs(rserver() + "launcher-sessions-forward-container-environment=1\n")}).one("WB-DEPRECATED-OPTION");
  CHECK(d.message.find("2024.09") != std::string::npos);
  CHECK(d.hint.find("launcher-sessions-forward-environment=0") != std::string::npos);
  auto v = check({source("vscode.conf", "enabled=1\nexe=/usr/lib/rstudio-server/bin/code-server/bin/code-server\n")})
               .one("WB-DEPRECATED-OPTION");
  CHECK(v.line == 2);
  CHECK(v.hint.find("pwb-code-server") != std::string::npos);
  CHECK(check({source("vscode.conf", "exe=/usr/lib/rstudio-server/bin/pwb-code-server/bin/code-server\n")})
            .count("WB-DEPRECATED-OPTION") == 0);
}

TEST_CASE("SD-CONFIG-DIR reads systemd Environment= the way systemd does", "[systemd]") {
  auto dropin = [](const std::string& service, const std::string& text) {
    return source("bundle/systemd/" + service + ".service.d/override.conf", text);
  };
  const std::string good = "[Service]\nEnvironment=\"RSTUDIO_CONFIG_DIR=/opt/rstudio\"\n";
  CHECK(check({dropin("rstudio-server", good), dropin("rstudio-launcher", good)}).all.empty());
  // several assignments on one line, quoted and not; a directory below /opt/rstudio
  std::string several = "[Service]\nEnvironment=LANG=C \"RSTUDIO_CONFIG_DIR=/opt/rstudio/etc/rstudio\" X=1\n";
  CHECK(check({dropin("rstudio-server", several)}).count("SD-CONFIG-DIR") == 0);
  auto d = check({dropin("rstudio-server", "[Unit]\nEnvironment=RSTUDIO_CONFIG_DIR=/opt/rstudio\n[Service]\n")})
               .one("SD-CONFIG-DIR");
  CHECK(d.line == 3);  // the [Service] section, where the setting belongs
  d = check({dropin("rstudio-server", "[Service]\nEnvironment=LANG=C RSTUDIO_CONFIG_DIR=/etc/rstudio\n")})
          .one("SD-CONFIG-DIR");
  CHECK(d.line == 2);
  CHECK(d.col == 20);
  // the two services must agree
  std::string other = "[Service]\nEnvironment=\"RSTUDIO_CONFIG_DIR=/opt/rstudio/etc/rstudio\"\n";
  d = check({dropin("rstudio-server", good), dropin("rstudio-launcher", other)}).one("SD-CONFIG-DIR");
  CHECK(d.file.find("rstudio-launcher") != std::string::npos);
  // drop-ins of other services are not Workbench's business
  CHECK(check({dropin("slurmctld", "[Service]\nLimitNOFILE=65536\n")}).count("SD-CONFIG-DIR") == 0);
}

TEST_CASE("SD-BOTH-SERVICES applies to bundles that carry Workbench units or a whole deployment", "[systemd]") {
  auto server =
      source("b/rstudio-server.service.d/override.conf", "[Service]\nEnvironment=RSTUDIO_CONFIG_DIR=/opt/rstudio\n");
  auto r = check({server}, bundle_options());
  CHECK(r.one("SD-BOTH-SERVICES").message.find("rstudio-launcher.service") != std::string::npos);
  CHECK(check({server}).count("SD-BOTH-SERVICES") == 0);  // single files: no bundle to be complete
  // a directory of Workbench files only (/etc/rstudio) is not expected to hold systemd units
  CHECK(check({rs(rserver())}, bundle_options()).count("SD-BOTH-SERVICES") == 0);
  CHECK(check({rs(rserver()), cc(cluster())}, bundle_options()).count("SD-BOTH-SERVICES") == 2);
}
