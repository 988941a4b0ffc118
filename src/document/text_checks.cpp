#include "document/text_checks.hpp"

#include <cstdint>

namespace pwpc::doc {

Mark mark_at(std::string_view text, std::size_t pos) {
  Mark m{1, 1};
  for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++m.line;
      m.col = 1;
    } else {
      ++m.col;
    }
  }
  return m;
}

std::optional<Mark> find_invalid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    unsigned char c = s[i];
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return mark_at(text, i);
    }
    if (i + len > n) return mark_at(text, i);
    for (std::size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return mark_at(text, i);
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return mark_at(text, i);
    i += len;
  }
  return std::nullopt;
}

namespace {

// "key: |", "- >-", "|2": does this line (outside flow collections) open a block scalar?
bool opens_block_scalar(std::string_view l) {
  std::string_view content = l;
  if (auto hash = content.find(" #"); hash != std::string_view::npos) content = content.substr(0, hash);
  while (!content.empty() && (content.back() == ' ' || content.back() == '\t' || content.back() == '\r')) {
    content.remove_suffix(1);
  }
  std::size_t k = content.size();
  while (k > 0 &&
         (content[k - 1] == '-' || content[k - 1] == '+' || (content[k - 1] >= '0' && content[k - 1] <= '9'))) {
    --k;
  }
  return k > 0 && (content[k - 1] == '|' || content[k - 1] == '>') && (k == 1 || content[k - 2] == ' ');
}

}  // namespace

std::optional<Mark> find_tab_indentation(std::string_view text) {
  int line = 0;
  long block_parent = -1;  // indentation of the line that opened a block scalar
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    ++line;
    std::size_t indent = 0;
    while (indent < l.size() && l[indent] == ' ') ++indent;
    bool blank = l.find_first_not_of(" \t") == std::string_view::npos;
    bool in_block = block_parent >= 0 && (blank || static_cast<long>(indent) > block_parent);
    if (!in_block) {
      block_parent = -1;
      if (indent < l.size() && l[indent] == '\t' && !blank) {
        return Mark{line, static_cast<int>(indent) + 1};
      }
      if (opens_block_scalar(l)) block_parent = static_cast<long>(indent);
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return std::nullopt;
}

std::optional<FlowExcess> find_flow_excess(std::string_view text, std::size_t max_depth, std::size_t max_flow_bytes) {
  std::size_t depth = 0;
  std::size_t flow_bytes = 0;
  char quote = 0;          // inside a '...' or "..." scalar
  char sig = '\n';         // the last non-blank character ('\n': none yet on this line, in block context)
  long block_parent = -1;  // indentation of the line that opened a block scalar
  int line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(pos, end - pos);
    ++line;
    std::size_t indent = 0;
    while (indent < l.size() && l[indent] == ' ') ++indent;
    bool blank = l.find_first_not_of(" \t\r") == std::string_view::npos;
    if (block_parent >= 0 && (blank || static_cast<long>(indent) > block_parent)) {
      pos = end + 1;  // block scalar content: text, not structure
      if (end == text.size()) break;
      continue;
    }
    block_parent = -1;
    for (std::size_t i = 0; i < l.size(); ++i) {
      const char c = l[i];
      if (depth > 0 && ++flow_bytes > max_flow_bytes) {
        return FlowExcess{Mark{line, static_cast<int>(i) + 1}, "flow collections ([...], {...}) hold more than " +
                                                                   std::to_string(max_flow_bytes >> 20) + " MiB"};
      }
      if (quote == '\'') {
        if (c == '\'') {
          if (i + 1 < l.size() && l[i + 1] == '\'')
            ++i;  // '' is a quote inside the scalar
          else
            quote = 0;
        }
        continue;
      }
      if (quote == '"') {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quote = 0;
        continue;
      }
      const bool after_blank = i == 0 || l[i - 1] == ' ' || l[i - 1] == '\t';
      if (c == '#' && after_blank) break;  // a comment
      // A flow collection or a quoted scalar starts where a value can start.
      const bool value_start = depth == 0 ? after_blank && (sig == '\n' || sig == ':' || sig == '-' || sig == '?')
                                          : (after_blank || sig == l[i - 1]) &&
                                                (sig == '[' || sig == '{' || sig == ',' || sig == ':' || sig == '?');
      if ((c == '[' || c == '{') && value_start) {
        if (++depth > max_depth) {
          return FlowExcess{Mark{line, static_cast<int>(i) + 1},
                            "nesting deeper than " + std::to_string(max_depth) + " levels"};
        }
      } else if ((c == ']' || c == '}') && depth > 0) {
        --depth;
      } else if ((c == '\'' || c == '"') && value_start) {
        quote = c;
      }
      if (c != ' ' && c != '\t' && c != '\r') sig = c;
    }
    if (depth > 0) {
      ++flow_bytes;  // the line break
    } else if (quote == 0) {
      if (opens_block_scalar(l)) block_parent = static_cast<long>(indent);
      sig = '\n';
    }
    if (end == text.size()) break;
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace pwpc::doc
