// Checks on raw text before it reaches a parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "pwpc/document.hpp"

namespace pwpc::doc {

// 1-based line/column of byte offset `pos` (columns count bytes).
Mark mark_at(std::string_view text, std::size_t pos);
// First tab used for indentation outside a block scalar, if any (YAML forbids them).
std::optional<Mark> find_tab_indentation(std::string_view text);

// Where flow collections ([...], {...}) nest deeper than max_depth, or hold more than
// max_flow_bytes in all: yaml-cpp keeps every token of a flow collection that could be a
// key until it ends (15 MB of them took 1.4 GB), and reaches its own depth check only after
// reading it all. A linear pre-scan that knows quotes, comments and block scalars.
struct FlowExcess {
  Mark mark;
  std::string message;
};
std::optional<FlowExcess> find_flow_excess(std::string_view text, std::size_t max_depth, std::size_t max_flow_bytes);

}  // namespace pwpc::doc
