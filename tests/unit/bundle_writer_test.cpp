// write_bundle under signals, a held lock and a killed earlier render (the CLI side is in
// tests/cli/render_faults.sh). Bundles here are small hand-made ones: the writer does not
// care what the files say.
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pwpc/io.hpp"
#include "test_support.hpp"

using namespace pwpc;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string t = (fs::temp_directory_path() / "pwpc-writer-test-XXXXXX").string();
    REQUIRE(mkdtemp(t.data()));
    path = t;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

Bundle small_bundle(const std::string& tag) {
  Bundle b;
  b.files.push_back({"a/one.conf", "one " + tag + "\n", 0644});
  b.files.push_back({"a/secret.conf", "secret " + tag + "\n", 0600});
  b.files.push_back({"b/run.sh", "#!/bin/sh\necho " + tag + "\n", 0755});
  b.files.push_back({"c.txt", "c " + tag + "\n", 0644});
  b.files.push_back({"plan.json",
                     R"({"schema_version": 1, "pwpc_version": "test"})"
                     "\n",
                     0644});
  return b;
}

std::string snapshot(const fs::path& dir) {
  std::vector<std::string> lines;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    struct stat st {};
    lstat(e.path().c_str(), &st);
    std::string line = fs::relative(e.path(), dir).string() + " " + std::to_string(st.st_mode);
    if (e.is_regular_file()) {
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      line += " " + ss.str();
    }
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

void (*handler_of(int sig))(int) {
  struct sigaction cur {};
  sigaction(sig, nullptr, &cur);
  return cur.sa_handler;
}

}  // namespace

TEST_CASE("write_bundle: SIGTERM half-way aborts, removes the temporary directory, keeps DIR", "[io][signals]") {
  TempDir t;
  fs::path dir = t.path / "deploy";
  write_bundle(dir.string(), small_bundle("old"));
  std::string before = snapshot(dir);
  auto* previous = handler_of(SIGTERM);  // Catch2 has its own

  int written = 0;
  WriteBundleOptions o;
  o.after_file = [&](const std::string&) {
    if (++written == 2) std::raise(SIGTERM);  // caught by the writer while it runs
  };
  int caught = 0;
  try {
    write_bundle(dir.string(), small_bundle("new"), o);
  } catch (const Interrupted& e) {
    caught = e.signal();
  }
  CHECK(caught == SIGTERM);
  CHECK(written == 2);  // it stopped at the next file boundary
  CHECK(snapshot(dir) == before);
  CHECK(entries(t.path) == std::vector<std::string>{"deploy"});
  CHECK(handler_of(SIGTERM) == previous);  // the previous action is back
  // And the next write works.
  write_bundle(dir.string(), small_bundle("new"));
  CHECK(diff_bundle(dir.string(), small_bundle("new")).empty());
}

TEST_CASE("write_bundle: an ignored signal stays ignored (nohup)", "[io][signals]") {
  TempDir t;
  fs::path dir = t.path / "deploy";
  auto* previous = std::signal(SIGHUP, SIG_IGN);
  WriteBundleOptions o;
  o.after_file = [&](const std::string&) { std::raise(SIGHUP); };
  WriteBundleResult r = write_bundle(dir.string(), small_bundle("x"), o);
  CHECK(r.signal == 0);
  CHECK(handler_of(SIGHUP) == SIG_IGN);
  CHECK(diff_bundle(dir.string(), small_bundle("x")).empty());
  std::signal(SIGHUP, previous);
}

TEST_CASE("write_bundle waits for the lock on the parent and gives up with a clear message", "[io][lock]") {
  TempDir t;
  fs::path dir = t.path / "deploy";
  write_bundle(dir.string(), small_bundle("old"));
  std::string before = snapshot(dir);
  // Another writer: a separate open file description holding the lock.
  int fd = open(t.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  REQUIRE(flock(fd, LOCK_EX) == 0);
  WriteBundleOptions o;
  o.lock_timeout_ms = 200;
  auto ds = test::input_errors([&] { write_bundle(dir.string(), small_bundle("new"), o); });
  CHECK(test::mentions(ds, "another pwpc render has been writing here"));
  CHECK(snapshot(dir) == before);
  CHECK(entries(t.path) == std::vector<std::string>{"deploy"});
  close(fd);  // released: the write goes through
  write_bundle(dir.string(), small_bundle("new"), o);
  CHECK(diff_bundle(dir.string(), small_bundle("new")).empty());
}

TEST_CASE("write_bundle removes a killed render's leftovers and moves a bundle left aside back", "[io]") {
  TempDir t;
  fs::path dir = t.path / "deploy";
  write_bundle(dir.string(), small_bundle("old"));
  std::string before = snapshot(dir);
  fs::rename(dir, t.path / ".deploy.pwpc-old-AAAAAA");
  fs::create_directories(t.path / ".deploy.pwpc-new-BBBBBB/a");
  std::ofstream(t.path / ".deploy.pwpc-new-BBBBBB/a/one.conf") << "partial";
  // Someone else's names are not touched: another bundle's leftovers, --force's kept copy.
  fs::create_directories(t.path / ".other.pwpc-new-CCCCCC");
  fs::create_directories(t.path / ".deploy.pwpc-replaced-DDDDDD");

  std::vector<std::string> told;
  WriteBundleOptions o;
  o.notice = [&](const std::string& m) { told.push_back(m); };
  o.after_file = [&](const std::string&) { throw InputError("x", 0, 0, "IO", "injected failure"); };
  auto ds = test::input_errors([&] { write_bundle(dir.string(), small_bundle("new"), o); });
  CHECK(test::mentions(ds, "injected failure"));
  CHECK(snapshot(dir) == before);  // moved back, then the failed write left it alone
  CHECK(entries(t.path) ==
        std::vector<std::string>{".deploy.pwpc-replaced-DDDDDD", ".other.pwpc-new-CCCCCC", "deploy"});
  REQUIRE(told.size() == 2);
  CHECK(told[0].find("moved it back from") != std::string::npos);
  CHECK(told[1].find(".deploy.pwpc-new-BBBBBB, left behind by a render that was killed") != std::string::npos);

  o.after_file = nullptr;
  WriteBundleResult r = write_bundle(dir.string(), small_bundle("new"), o);
  CHECK(r.removed_stale.empty());
  CHECK(r.restored.empty());
  CHECK(diff_bundle(dir.string(), small_bundle("new")).empty());
}

TEST_CASE("write_bundle sets modes exactly whatever the umask", "[io]") {
  TempDir t;
  for (mode_t mask : {mode_t(0), mode_t(077), mode_t(0777)}) {
    mode_t saved = umask(mask);
    fs::path dir = t.path / ("d" + std::to_string(mask));
    write_bundle(dir.string(), small_bundle("m"));
    umask(saved);
    struct stat st {};
    REQUIRE(stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0755);
    REQUIRE(stat((dir / "a").c_str(), &st) == 0);
    CHECK((st.st_mode & 07777) == 0755);
    CHECK(diff_bundle(dir.string(), small_bundle("m")).empty());  // content and mode of each file
  }
}
