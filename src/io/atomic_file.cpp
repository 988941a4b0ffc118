#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "pwpc/diagnostics.hpp"
#include "pwpc/io.hpp"

namespace pwpc {

void write_file_atomic(const std::string& path, const std::string& data, mode_t mode) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".pwpc-XXXXXX")).string();
  auto fail = [&](const std::string& what) {
    throw InputError(path, 0, 0, "IO", what + ": " + std::strerror(errno),
                     "check that the directory exists and is writable");
  };
  int fd = mkstemp(tmpl.data());
  if (fd < 0) fail("cannot create a temporary file next to it");
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      ::unlink(tmpl.c_str());
      errno = saved;
      fail("cannot write");
    }
    off += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    ::unlink(tmpl.c_str());
    errno = saved;
    fail("cannot finish writing");
  }
  if (::close(fd) != 0) {
    int saved = errno;
    ::unlink(tmpl.c_str());
    errno = saved;
    fail("cannot finish writing");
  }
  if (::rename(tmpl.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(tmpl.c_str());
    errno = saved;
    fail("cannot replace");
  }
}

}  // namespace pwpc
