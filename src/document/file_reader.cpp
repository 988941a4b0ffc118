#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pwpc/document.hpp"

namespace pwpc::doc {

std::string read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  auto st = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(st)) {
    throw InputError(path, 0, 0, "IO", "no such file", "check the path");
  }
  if (std::filesystem::is_directory(st)) {
    throw InputError(path, 0, 0, "IO", "is a directory, not a file", "name a file inside it");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(path, 0, 0, "IO", std::string("cannot open: ") + std::strerror(errno),
                     "check the file's permissions");
  }
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) {
      throw InputError(path, 0, 0, "IO",
                       "file is larger than " + std::to_string(max_bytes >> 20) + " MiB",
                       "configurations are a few KiB; check that this is the right file");
    }
  }
  if (in.bad()) throw InputError(path, 0, 0, "IO", "read error");
  return out;
}

}  // namespace pwpc::doc
