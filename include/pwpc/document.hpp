// A YAML document with a position on every node and key, built from yaml-cpp's event
// stream so that duplicate keys, several documents, alias bombs, tabs and invalid
// UTF-8 become diagnostics with FILE:LINE:COL instead of surprises.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pwpc/diagnostics.hpp"

namespace pwpc::doc {

struct Mark {
  int line = 0;  // 1-based
  int col = 0;   // 1-based
};

enum class Kind { Null, Scalar, Sequence, Mapping };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Entry {
  std::string key;
  Mark key_mark;
  NodePtr value;
};

// YAML 1.1 scalar resolution as PyYAML (and so ParallelCluster) does it.
enum class ScalarType { Null, Bool, Int, Float, String };

struct Node {
  Kind kind = Kind::Null;
  Mark mark;
  std::string scalar;          // Scalar only
  bool plain = true;           // Scalar only: false when quoted or block scalar
  std::string tag;             // explicit tag, if any ("!Ref", "tag:yaml.org,2002:str", ...)
  std::vector<NodePtr> items;  // Sequence
  std::vector<Entry> entries;  // Mapping, in document order

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_map() const { return kind == Kind::Mapping; }
  bool is_seq() const { return kind == Kind::Sequence; }

  // Mapping lookup; nullptr when absent or not a mapping.
  const Node* get(std::string_view key) const;
  const Entry* entry(std::string_view key) const;

  ScalarType scalar_type() const;           // Int for any size of int, as PyYAML
  std::optional<bool> as_bool() const;      // YAML 1.1 booleans (yes/no/on/off/true/false)
  std::optional<long long> as_int() const;  // decimal, 0x, 0o, with _ separators; nullopt beyond 64 bits
  std::optional<double> as_double() const;  // ints (approximated beyond 64 bits) and floats, .inf/.nan
};

struct Limits {
  std::size_t max_bytes = 16u << 20;           // whole file
  std::size_t max_expanded_nodes = 1u << 20;   // after alias expansion (billion laughs)
  std::size_t max_expanded_bytes = 32u << 20;  // of scalars after alias expansion
  std::size_t max_depth = 200;                 // nesting of collections
  std::size_t max_flow_bytes = 4u << 20;       // inside [...] and {...} (YAML only; CloudFormation's own
                                               // template limit is 1 MB)
};

struct Document {
  std::string path;  // as given by the user; used in diagnostics
  NodePtr root;      // never null: an empty document is a Null node at 1:1
};

// Parses one YAML document. Throws InputError (rule YAML-SYNTAX and friends) on
// malformed input.
Document parse_yaml(const std::string& path, std::string_view text, const Limits& limits = {});

// Strict JSON (RFC 8259) into the same tree as YAML, with a position on every node:
// strings are quoted scalars (plain = false), numbers, true and false plain scalars as
// written, null a Null node. Syntax errors, nesting deeper than limits.max_depth, more
// than limits.max_expanded_nodes values and duplicate keys throw InputError with the
// rule and hint given here and the line and column of the offending token.
struct JsonOptions {
  std::string rule = "JSON-SYNTAX";
  std::string hint;
  Limits limits;
};
Document parse_json(const std::string& path, std::string_view text, const JsonOptions& opts = {});

// Reads a file and parses it. Throws InputError for unreadable files and directories.
Document load_yaml_file(const std::string& path, const Limits& limits = {});

// Reads a whole file into a string; throws InputError (rule IO) with a clear message.
std::string read_file(const std::string& path, std::size_t max_bytes = 16u << 20);

// Returns the 1-based line/column of the first byte that is not valid UTF-8, if any.
std::optional<Mark> find_invalid_utf8(std::string_view text);

}  // namespace pwpc::doc
