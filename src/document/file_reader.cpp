#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "pwpc/document.hpp"

namespace pwpc::doc {
namespace {

// Closes the descriptor on every path out of read_file, exceptions included.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

const char* what_it_is(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    // A symlink loop (ELOOP), a path through a file (ENOTDIR), a name too long, ...
    throw InputError(path, 0, 0, "IO", "cannot read: " + ec.message(), "check the path");
  }
  if (ec || !std::filesystem::exists(st)) {
    throw InputError(path, 0, 0, "IO", "no such file", "check the path");
  }
  if (std::filesystem::is_directory(st)) {
    throw InputError(path, 0, 0, "IO", "is a directory, not a file", "name a file inside it");
  }
  // O_NONBLOCK: opening a FIFO that no process writes to would otherwise wait forever.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) {
    throw InputError(path, 0, 0, "IO", std::string("cannot open: ") + std::strerror(errno),
                     "check the file's permissions");
  }
  struct stat fst {};
  if (::fstat(f.fd, &fst) != 0) {
    throw InputError(path, 0, 0, "IO", std::string("cannot read: ") + std::strerror(errno));
  }
  // Reads block again (a pipe with a writer, e.g. `<(command)`, delivers its data); a FIFO
  // without a writer reads as end-of-file at once.
  int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) (void)::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  std::string out;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw InputError(path, 0, 0, "IO", std::string("read error: ") + std::strerror(errno),
                       "check that this is a file pwpc can read");
    }
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > max_bytes) {
      throw InputError(path, 0, 0, "IO", "file is larger than " + std::to_string(max_bytes >> 20) + " MiB",
                       "configurations are a few KiB; check that this is the right file");
    }
  }
  if (out.empty() && !S_ISREG(fst.st_mode)) {
    throw InputError(path, 0, 0, "IO",
                     std::string("is ") + what_it_is(fst.st_mode) + " and nothing could be read from it",
                     "name a regular file (a FIFO needs a process writing to it)");
  }
  return out;
}

}  // namespace pwpc::doc
