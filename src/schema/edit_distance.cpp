#include <algorithm>
#include <cctype>
#include <vector>

#include "pwpc/schema.hpp"

namespace pwpc::schema {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  auto lower = [](std::string_view s) {
    std::string o(s);
    for (auto& c : o) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return o;
  };
  // Accept up to a third of the word's length (at least 2 edits): "Nmae" -> "Name",
  // "concurent" -> "concurrent", but not "foo" -> "Tags".
  std::size_t limit = std::max<std::size_t>(2, word.size() / 3);
  std::string lw = lower(word);
  std::string best;
  std::size_t best_d = static_cast<std::size_t>(-1);
  for (const auto& c : candidates) {
    // The distance is at least the difference in length: skip candidates that cannot be
    // within the limit. Without this a 10 MB unknown key cost 10 MB x |candidate| steps
    // per candidate (`pwpc validate` on such an rserver.conf ran for minutes).
    std::size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > limit) continue;
    std::size_t d = edit_distance(lw, lower(c));
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best_d <= limit ? best : std::string();
}

}  // namespace pwpc::schema
