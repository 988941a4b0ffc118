#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "pwpc/document.hpp"
#include "pwpc/validate.hpp"

namespace pwpc {

std::vector<SourceFile> read_sources(const std::vector<std::string>& paths, bool* any_directory) {
  namespace fs = std::filesystem;
  std::vector<SourceFile> out;
  if (any_directory) *any_directory = false;
  auto add = [&](const std::string& path, bool from_dir) {
    SourceFile f;
    f.path = path;
    f.text = doc::read_file(path);
    f.from_directory = from_dir;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) f.mode = st.st_mode & 07777;
    out.push_back(std::move(f));
  };
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      if (any_directory) *any_directory = true;
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, fs::directory_options::none, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && !it->is_symlink(ec)) found.push_back(it->path().string());
      }
      if (ec) throw InputError(p, 0, 0, "IO", "cannot list the directory: " + ec.message());
      std::sort(found.begin(), found.end());
      for (const auto& f : found) add(f, true);
    } else {
      add(p, false);
    }
  }
  return out;
}

}  // namespace pwpc
