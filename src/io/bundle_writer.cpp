// Writing a rendered bundle atomically, and comparing a bundle directory with a bundle
// (`pwpc render --check`). Symbolic links are never followed.
#include <fcntl.h>
#include <linux/fs.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "pwpc/diagnostics.hpp"
#include "pwpc/io.hpp"

namespace pwpc {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void io_fail(const std::string& path, const std::string& what, int err,
                          const std::string& hint = "check that the directory exists and is writable") {
  throw InputError(path, 0, 0, "IO", err ? what + ": " + std::strerror(err) : what, hint);
}

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

void check_target(const std::string& dir, bool* exists) {
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0) {
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
      if (errno == EINTR) continue;
      int e = errno;
      ::close(fd);
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
  if (!::mkdtemp(tmpl.data())) io_fail(parent.string(), "cannot create a temporary directory next to the bundle", errno);
  return tmpl;
}

void remove_tree(const std::string& path) {
  std::error_code ec;
  fs::remove_all(path, ec);  // does not follow symbolic links
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
  std::set<std::string> expected;
  for (const auto& a : bundle.files) {
    expected.insert(a.path);
    std::string p = (fs::path(dir) / a.path).string();
    struct stat st {};
    if (!exists || ::lstat(p.c_str(), &st) != 0) {
      d.added.push_back(a.path);
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
  fs::path dir = fs::path(dir_in).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();  // "deploy/" -> "deploy"
  std::string dir_s = dir.string();
  if (dir_s.empty() || dir_s == "." || dir_s == "/" || dir_s == "..") {
    io_fail(dir_in, "pwpc writes a bundle into its own directory, not into . or /", 0,
            "give a new or existing bundle directory such as deploy/");
  }
  bool exists = false;
  check_target(dir_s, &exists);
  bool replace_foreign = false;
  if (exists && !is_pwpc_bundle_dir(dir_s)) {
    if (!opts.force) {
      io_fail(dir_s, "is not empty and holds no bundle pwpc rendered (no plan.json from pwpc)", 0,
              "choose a new directory, or pass --force to replace it (its old content is kept aside)");
    }
    replace_foreign = true;
  }
  fs::path parent = dir.has_parent_path() ? dir.parent_path() : fs::path(".");
  std::string base = dir.filename().string();
  std::error_code ec;
  if (!fs::is_directory(parent, ec)) {
    io_fail(parent.string(), "the directory to hold the bundle does not exist", 0, "create it first");
  }

  std::string tmp = temp_name(parent, base, "new");
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
    }
    for (const auto& d : made) fsync_dir(d);
    fsync_dir(tmp);
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
      remove_tree(tmp);  // tmp now holds the old bundle
    } else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP) {
      // No RENAME_EXCHANGE on this file system: two renames, undone on failure.
      std::string old = temp_name(parent, base, "old");
      ::rmdir(old.c_str());
      if (::rename(dir_s.c_str(), old.c_str()) != 0) io_fail(dir_s, "cannot move the old bundle aside", errno);
      if (::rename(tmp.c_str(), dir_s.c_str()) != 0) {
        int e = errno;
        (void)::rename(old.c_str(), dir_s.c_str());
        io_fail(dir_s, "cannot move the bundle into place", e);
      }
      remove_tree(old);
    } else {
      io_fail(dir_s, "cannot swap the new bundle in", errno);
    }
    fsync_dir(parent.string());
  } catch (...) {
    remove_tree(tmp);
    throw;
  }
  return result;
}

}  // namespace pwpc
