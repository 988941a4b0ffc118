// Checks on raw text before it reaches a parser.
#pragma once

#include <optional>
#include <string_view>

#include "pwpc/document.hpp"

namespace pwpc::doc {

// 1-based line/column of byte offset `pos` (columns count bytes).
Mark mark_at(std::string_view text, std::size_t pos);
// First tab used for indentation outside a block scalar, if any (YAML forbids them).
std::optional<Mark> find_tab_indentation(std::string_view text);

}  // namespace pwpc::doc
