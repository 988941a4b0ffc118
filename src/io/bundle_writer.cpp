// Writing a rendered bundle atomically, and comparing a bundle directory with a bundle
// (`pwpc render --check`). Symbolic links are never followed.
#include <fcntl.h>
#include <linux/fs.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <cstdio>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "pwpc/diagnostics.hpp"
#include "pwpc/io.hpp"

namespace pwpc {
namespace {

namespace fs = std::filesystem;

// What to do about an errno, for the hint of an I/O diagnostic.
std::string hint_for(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
      return "the file system is full (no space, no inodes or over quota): free some space and render again; "
             "the previous bundle was left as it was";
    case EROFS: return "the file system is mounted read-only: give a writable -o, or remount it read-write";
    case EACCES:
    case EPERM:
      return "no permission: check the owner and mode of the directory and of DIR, and immutable attributes "
             "(lsattr -d)";
    case EFBIG: return "a file size limit (ulimit -f) is smaller than a file of the bundle";
    case ENOTDIR: return "a part of the path is a file, not a directory";
    default: return "check that the directory exists and is writable";
  }
}

[[noreturn]] void io_fail(const std::string& path, const std::string& what, int err, const std::string& hint = {}) {
  throw InputError(path, 0, 0, "IO", err ? what + ": " + std::strerror(err) : what,
                   hint.empty() ? hint_for(err) : hint);
}

// ---- Signals: a caught SIGINT/SIGTERM/SIGHUP aborts the write before the swap. ----

volatile std::sig_atomic_t g_signal = 0;

extern "C" void pwpc_on_signal(int sig) { g_signal = sig; }

class SignalGuard {
 public:
  SignalGuard() {
    g_signal = 0;
    for (std::size_t i = 0; i < kCount; ++i) {
      struct sigaction cur {};
      if (::sigaction(kSignals[i], nullptr, &cur) != 0) continue;
      // An ignored signal stays ignored (nohup, background jobs of a shell).
      if (!(cur.sa_flags & SA_SIGINFO) && cur.sa_handler == SIG_IGN) continue;
      struct sigaction sa {};
      sa.sa_handler = pwpc_on_signal;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = 0;  // no SA_RESTART: a blocking call returns EINTR and the writer looks
      installed_[i] = ::sigaction(kSignals[i], &sa, &old_[i]) == 0;
    }
  }
  ~SignalGuard() {
    for (std::size_t i = 0; i < kCount; ++i) {
      if (installed_[i]) (void)::sigaction(kSignals[i], &old_[i], nullptr);
    }
  }
  SignalGuard(const SignalGuard&) = delete;
  SignalGuard& operator=(const SignalGuard&) = delete;

 private:
  static constexpr std::size_t kCount = 3;
  static constexpr int kSignals[kCount] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction old_[kCount] {};
  bool installed_[kCount] = {false, false, false};
};

void check_interrupt() {
  if (g_signal) throw Interrupted(static_cast<int>(g_signal));
}

// ---- The lock: flock on the parent directory of DIR. ----
// The parent is the one inode that stays put while DIR is swapped; locking it (rather than
// a lock file) leaves nothing behind. Renders into siblings wait for each other too, which
// costs a fraction of a second.
class ParentLock {
 public:
  // op: LOCK_EX (writers) or LOCK_SH (readers: --check). `required`: fail when the parent
  // cannot be opened for locking (writers); readers go on without the lock.
  ParentLock(const std::string& parent, int op, int timeout_ms, bool required) {
    fd_ = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) {
      if (required) {
        io_fail(parent, "cannot open the directory to lock it against a concurrent pwpc render", errno,
                "pwpc needs read permission on the directory that holds the bundle");
      }
      return;
    }
    for (int waited = 0;;) {
      if (::flock(fd_, op | LOCK_NB) == 0) return;
      int e = errno;
      if (e == EINTR) continue;
      if (e != EWOULDBLOCK) {
        // A file system without flock (some network file systems): the renames alone.
        if (e == ENOLCK || e == EOPNOTSUPP || e == EINVAL) return;
        io_fail(parent, "cannot lock the directory", e);
      }
      if (op == LOCK_EX) check_interrupt();
      if (waited >= timeout_ms) {
        io_fail(parent,
                fmt::format("another pwpc render has been writing here for over {} s (the directory is locked)",
                            timeout_ms / 1000),
                0, "wait for it to finish and run render again (fuser -v on the directory shows the process)");
      }
      struct timespec ts {
        0, 20L * 1000 * 1000
      };
      (void)::nanosleep(&ts, nullptr);
      waited += 20;
    }
  }
  ~ParentLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the lock
  }
  ParentLock(const ParentLock&) = delete;
  ParentLock& operator=(const ParentLock&) = delete;

 private:
  int fd_ = -1;
};

// Reads a regular file without following a symbolic link; nullopt if it is not one.
std::optional<std::string> read_regular(const std::string& path, mode_t* mode) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::nullopt;
  }
  if (mode) *mode = st.st_mode & 07777;
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
      io_fail(path, "cannot read", e);
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return out;
}

// True when a directory between DIR and the file `rel` is a symbolic link (or not a
// directory): the file is then not really inside DIR.
bool outside_via_link(const fs::path& dir, const fs::path& rel) {
  fs::path cur = dir;
  for (const auto& part : rel.parent_path()) {
    cur /= part;
    struct stat st {};
    if (::lstat(cur.c_str(), &st) != 0) return false;  // missing: the caller finds out
    if (!S_ISDIR(st.st_mode)) return true;
  }
  return false;
}

void check_target(const std::string& dir, bool* exists) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
    if (errno == ENOTDIR) {
      io_fail(dir, "cannot be a directory: a part of this path is a file", 0,
              "give a path whose leading directories exist (-o takes a directory)");
    }
    if (errno != ENOENT) io_fail(dir, "cannot inspect", errno);
    *exists = false;
    return;
  }
  if (S_ISLNK(st.st_mode)) {
    io_fail(dir, "is a symbolic link; pwpc does not write through links", 0,
            "give the real directory (or a new path) as -o");
  }
  if (!S_ISDIR(st.st_mode)) io_fail(dir, "exists and is not a directory", 0, "give a directory as -o");
  *exists = true;
}

// Writes `path` (in the temporary directory); errors name `shown`, the file in the bundle.
void write_one(const std::string& path, const std::string& shown, const std::string& data, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) io_fail(shown, "cannot create", errno);
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      int e = errno;
      if (e == EINTR && !g_signal) continue;
      ::close(fd);
      if (e == EINTR) check_interrupt();
      io_fail(shown, "cannot write", e);
    }
    off += static_cast<std::size_t>(n);
  }
  // fchmod sets the exact mode, whatever the umask.
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    int e = errno;
    ::close(fd);
    io_fail(shown, "cannot finish writing", e);
  }
  if (::close(fd) != 0) io_fail(shown, "cannot finish writing", errno);
}

void fsync_dir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

void make_dirs(const fs::path& root, const fs::path& rel, std::set<std::string>& made) {
  fs::path cur = root;
  for (const auto& part : rel) {
    cur /= part;
    if (made.insert(cur.string()).second) {
      if (::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) io_fail(cur.string(), "cannot create directory", errno);
      (void)::chmod(cur.c_str(), 0755);
    }
  }
}

int swap_dirs(const std::string& a, const std::string& b) {
#ifdef SYS_renameat2
  return static_cast<int>(::syscall(SYS_renameat2, AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE));
#else
  errno = ENOSYS;
  return -1;
#endif
}

std::string temp_name(const fs::path& parent, const std::string& base, const std::string& tag) {
  std::string tmpl = (parent / ("." + base + ".pwpc-" + tag + "-XXXXXX")).string();
  if (!::mkdtemp(tmpl.data()))
    io_fail(parent.string(), "cannot create a temporary directory next to the bundle", errno);
  return tmpl;
}

// Removes a tree without following symbolic links; "" or why it failed.
std::string remove_tree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  return ec ? ec.message() : std::string();
}

// The normalised DIR and its parent; refuses "", ".", "/" and "..".
std::pair<fs::path, fs::path> split_target(const std::string& dir_in) {
  fs::path dir = fs::path(dir_in).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "deploy/" -> "deploy"
  std::string s = dir.string();
  if (s.empty() || s == "." || s == "/" || s == ".." || dir.filename() == "..") {
    io_fail(dir_in, "pwpc writes a bundle into its own directory, not into . or / or ..", 0,
            "give a new or existing bundle directory such as deploy/");
  }
  return {dir, dir.has_parent_path() ? dir.parent_path() : fs::path(".")};
}

// Leftovers of a render that was killed half-way (the signal handler could not run):
// ".<base>.pwpc-new-XXXXXX" (a partial new or a swapped-out old bundle) and
// ".<base>.pwpc-old-XXXXXX" (the old bundle moved aside by the two-rename fallback).
// Called with the parent locked, so no running pwpc owns them.
void clean_stale(const fs::path& parent, const std::string& base, const fs::path& dir, WriteBundleResult& r,
                 const WriteBundleOptions& opts) {
  auto tell = [&](const std::string& m) {
    if (opts.notice) opts.notice(m);
  };
  std::string prefix = "." + base + ".pwpc-";
  std::vector<std::string> olds, news;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (name.size() != prefix.size() + 10 || name.compare(0, prefix.size(), prefix) != 0) continue;
    std::string tag = name.substr(prefix.size(), 4);
    if (tag != "new-" && tag != "old-") continue;
    struct stat st {};
    if (::lstat(it->path().c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    (tag == "old-" ? olds : news).push_back(it->path().string());
  }
  std::sort(olds.begin(), olds.end());
  std::sort(news.begin(), news.end());
  struct stat st {};
  if (!olds.empty() && ::lstat(dir.c_str(), &st) != 0 && errno == ENOENT) {
    // DIR was moved aside and the new bundle never moved in: put the old one back.
    if (::rename(olds.front().c_str(), dir.c_str()) == 0) {
      r.restored = olds.front();
      tell("a render killed earlier had moved " + dir.string() + " aside; moved it back from " + r.restored);
      olds.erase(olds.begin());
    }
  }
  for (const auto* list : {&olds, &news}) {
    for (const auto& p : *list) {
      std::string why = remove_tree(p);
      if (why.empty()) {
        r.removed_stale.push_back(p);
        tell("removed " + p + ", left behind by a render that was killed half-way");
      } else {
        r.left_behind.push_back(p + ": " + why);
        tell("warning: cannot remove " + p + " (left behind by a killed render): " + why + "; remove it by hand");
      }
    }
  }
}

}  // namespace

bool is_pwpc_bundle_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::is_empty(fs::path(dir), ec) && !ec) return true;
  auto text = read_regular((fs::path(dir) / "plan.json").string(), nullptr);
  if (!text) return false;
  try {
    auto j = nlohmann::json::parse(*text);
    return j.is_object() && j.contains("schema_version") && j.contains("pwpc_version");
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

BundleDiff diff_bundle(const std::string& dir, const Bundle& bundle) {
  BundleDiff d;
  bool exists = false;
  check_target(dir, &exists);
  std::optional<ParentLock> lock;
  if (exists) lock.emplace(split_target(dir).second.string(), LOCK_SH, 60000, false);
  std::set<std::string> expected;
  for (const auto& a : bundle.files) {
    expected.insert(a.path);
    std::string p = (fs::path(dir) / a.path).string();
    struct stat st {};
    if (!exists || ::lstat(p.c_str(), &st) != 0) {
      d.added.push_back(a.path);
      continue;
    }
    if (outside_via_link(dir, a.path)) {
      d.changed.push_back(a.path);
      continue;
    }
    mode_t mode = 0;
    auto text = read_regular(p, &mode);
    if (!text || *text != a.bytes || mode != (a.mode & 07777)) d.changed.push_back(a.path);
  }
  if (exists) {
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) continue;
      std::string rel = fs::relative(it->path(), dir, ec).generic_string();
      if (!expected.count(rel)) d.removed.push_back(rel);
    }
    if (ec) io_fail(dir, "cannot read the directory", ec.value());
  }
  std::sort(d.changed.begin(), d.changed.end());
  std::sort(d.added.begin(), d.added.end());
  std::sort(d.removed.begin(), d.removed.end());
  return d;
}

WriteBundleResult write_bundle(const std::string& dir_in, const Bundle& bundle, const WriteBundleOptions& opts) {
  WriteBundleResult result;
  SignalGuard signals;
  auto [dir, parent] = split_target(dir_in);
  std::string dir_s = dir.string();
  std::string base = dir.filename().string();
  bool exists = false;
  check_target(dir_s, &exists);  // refuses links and files before waiting for the lock
  {
    struct stat st {};
    if (::stat(parent.c_str(), &st) != 0) {
      if (errno == ENOENT) {
        io_fail(parent.string(), "the directory to hold the bundle does not exist", 0,
                "create it first (mkdir -p), or give another -o");
      }
      io_fail(parent.string(), "cannot use the directory to hold the bundle", errno);
    }
    if (!S_ISDIR(st.st_mode)) {
      io_fail(parent.string(), "is not a directory, so it cannot hold the bundle", 0, "give another -o");
    }
  }
  ParentLock lock(parent.string(), LOCK_EX, opts.lock_timeout_ms, true);
  clean_stale(parent, base, dir, result, opts);
  // Decided under the lock: another render may have created or replaced DIR meanwhile.
  check_target(dir_s, &exists);
  bool replace_foreign = false;
  if (exists && !is_pwpc_bundle_dir(dir_s)) {
    if (!opts.force) {
      io_fail(dir_s, "is not empty and holds no bundle pwpc rendered (no plan.json from pwpc)", 0,
              "choose a new directory, or pass --force to replace it (its old content is kept aside)");
    }
    replace_foreign = true;
  }
  check_interrupt();

  std::string tmp = temp_name(parent, base, "new");
  std::string old_tree;  // what is left to remove once the new bundle is in place
  try {
    (void)::chmod(tmp.c_str(), 0755);
    std::set<std::string> made;
    for (const auto& a : bundle.files) {
      fs::path rel(a.path);
      if (rel.is_absolute() || a.path.find("..") != std::string::npos) {
        io_fail(a.path, "refusing a bundle path outside the bundle directory", 0, "this is a bug in pwpc");
      }
      if (rel.has_parent_path()) make_dirs(tmp, rel.parent_path(), made);
      write_one((fs::path(tmp) / rel).string(), (dir / rel).string(), a.bytes, a.mode & 07777);
      if (opts.after_file) opts.after_file(a.path);
      check_interrupt();
    }
    for (const auto& d : made) fsync_dir(d);
    fsync_dir(tmp);
    check_interrupt();  // the last moment to stop: from here on the write is completed
    if (!exists) {
      if (::rename(tmp.c_str(), dir_s.c_str()) != 0) io_fail(dir_s, "cannot move the bundle into place", errno);
    } else if (replace_foreign) {
      // Keep the foreign content: move it aside, then move the bundle in.
      std::string aside = temp_name(parent, base, "replaced");
      ::rmdir(aside.c_str());
      if (::rename(dir_s.c_str(), aside.c_str()) != 0) io_fail(dir_s, "cannot move the old directory aside", errno);
      if (::rename(tmp.c_str(), dir_s.c_str()) != 0) {
        int e = errno;
        (void)::rename(aside.c_str(), dir_s.c_str());
        io_fail(dir_s, "cannot move the bundle into place", e);
      }
      result.kept_aside = aside;
    } else if (swap_dirs(tmp, dir_s) == 0) {
      old_tree = tmp;  // tmp now holds the old bundle
    } else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
      // No RENAME_EXCHANGE on this file system: two renames, undone on failure. A render
      // killed between them leaves ".<name>.pwpc-old-*", which the next one moves back.
      std::string old = temp_name(parent, base, "old");
      ::rmdir(old.c_str());
      if (::rename(dir_s.c_str(), old.c_str()) != 0) io_fail(dir_s, "cannot move the old bundle aside", errno);
      if (::rename(tmp.c_str(), dir_s.c_str()) != 0) {
        int e = errno;
        (void)::rename(old.c_str(), dir_s.c_str());
        io_fail(dir_s, "cannot move the bundle into place", e);
      }
      old_tree = old;
    } else {
      io_fail(dir_s, "cannot swap the new bundle in", errno);
    }
  } catch (...) {
    (void)remove_tree(tmp);
    throw;
  }
  if (!old_tree.empty()) {
    std::string why = remove_tree(old_tree);
    if (!why.empty()) {
      result.left_behind.push_back(old_tree + ": " + why);
      if (opts.notice) {
        opts.notice("warning: the bundle was written, but its previous version in " + old_tree +
                    " cannot be removed: " + why + "; remove it by hand");
      }
    }
  }
  fsync_dir(parent.string());
  result.signal = static_cast<int>(g_signal);
  return result;
}

}  // namespace pwpc
