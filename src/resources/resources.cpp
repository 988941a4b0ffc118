#include "pwpc/resources.hpp"

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>

namespace pwpc::embedded {
struct Entry {
  std::string_view path;
  std::string_view data;
};
extern const Entry entries[];
extern const std::size_t entry_count;
}  // namespace pwpc::embedded

namespace pwpc {

std::optional<std::string_view> resource(std::string_view path) {
  for (std::size_t i = 0; i < embedded::entry_count; ++i) {
    if (embedded::entries[i].path == path) return embedded::entries[i].data;
  }
  return std::nullopt;
}

std::vector<std::string> resource_paths(std::string_view prefix) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < embedded::entry_count; ++i) {
    if (embedded::entries[i].path.starts_with(prefix)) out.emplace_back(embedded::entries[i].path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string_view required_resource(std::string_view path) {
  auto r = resource(path);
  if (!r) throw std::logic_error("embedded resource missing: " + std::string(path));
  return *r;
}

}  // namespace pwpc
