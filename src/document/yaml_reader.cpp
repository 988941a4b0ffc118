// Builds a doc::Document from yaml-cpp's event stream (see document.hpp for why).
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <unordered_set>

#include "document/text_checks.hpp"
#include "pwpc/document.hpp"

namespace pwpc::doc {
namespace {

Mark to_mark(const YAML::Mark& m) { return Mark{m.line + 1, m.column + 1}; }

// How much a node stands for once aliases are expanded.
struct Size {
  std::size_t nodes = 1;
  std::size_t bytes = 0;  // of scalars (keys included)
};

class Builder : public YAML::EventHandler {
 public:
  Builder(std::string path, std::string_view text, const Limits& limits)
      : path_(std::move(path)), text_(text), limits_(limits) {}

  NodePtr root() const { return root_; }
  bool saw_document() const { return saw_document_; }
  // Where the innermost collection still open began (after a parse error), if any.
  std::optional<std::pair<Kind, Mark>> innermost_open() const {
    if (stack_.empty()) return std::nullopt;
    return std::make_pair(stack_.back().node->kind, stack_.back().node->mark);
  }

  void OnDocumentStart(const YAML::Mark&) override { saw_document_ = true; }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto n = std::make_shared<Node>();
    n->kind = Kind::Null;
    n->mark = to_mark(mark);
    add(n, anchor, Size{1, 0});
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto it = anchors_.find(anchor);
    if (it == anchors_.end()) fail(to_mark(mark), "YAML-SYNTAX", "alias to an unknown anchor");
    for (const auto& f : stack_) {
      if (f.node == it->second) {
        fail(to_mark(mark), "YAML-ALIAS", "an alias refers to a collection that contains it",
             "recursive structures cannot be a configuration; remove the alias");
      }
    }
    add(it->second, 0, sizes_[it->second.get()]);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto n = std::make_shared<Node>();
    n->kind = Kind::Scalar;
    n->mark = to_mark(mark);
    n->scalar = value;
    n->plain = (tag == "?");
    if (tag != "?" && tag != "!") n->tag = tag;
    // An explicit !!null / empty plain scalar is a null.
    if (n->tag == "tag:yaml.org,2002:null") n->kind = Kind::Null;
    if (n->plain && n->kind == Kind::Scalar && !stack_.empty() && stack_.back().block && !stack_.back().have_key) {
      check_implicit_key(*n);
    }
    add(n, anchor, Size{1, value.size()});
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(Kind::Sequence, mark, tag, anchor, false);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value style) override {
    open(Kind::Mapping, mark, tag, anchor, style == YAML::EmitterStyle::Block);
  }
  void OnMapEnd() override {
    merge_keys(*stack_.back().node);
    close();
  }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    Size expanded;
    bool have_key = false;
    std::string key;
    Mark key_mark;
    std::set<std::string> keys;
    bool block = false;  // a block mapping (not {...})
  };

  [[noreturn]] void fail(Mark m, const char* rule, std::string msg, std::string hint = {}) {
    throw InputError(path_, m.line, m.col, rule, std::move(msg), std::move(hint));
  }

  // In a block mapping a plain key is one line followed by ':' (or written after '?').
  // yaml-cpp also takes a lone word on a line of its own as a key with a null value, which
  // PyYAML (and so ParallelCluster) refuses: "could not find expected ':'". That word is
  // what a file cut off in the middle of a key looks like.
  void check_implicit_key(const Node& key) {
    std::size_t at = offset_of(key.mark);
    if (at == std::string_view::npos) return;
    std::string_view before = text_.substr(line_starts_[key.mark.line - 1], at - line_starts_[key.mark.line - 1]);
    auto last = before.find_last_not_of(" \t");
    if (last != std::string_view::npos && before[last] == '?') return;  // explicit key
    std::string_view rest = text_.substr(at, text_.find('\n', at) - at);
    if (rest.starts_with(key.scalar)) {
      std::size_t after = key.scalar.size();
      while (after < rest.size() && (rest[after] == ' ' || rest[after] == '\t')) ++after;
      if (after < rest.size() && rest[after] == ':') return;
    } else {
      // A key folded from several lines starts with what this line holds; anything else
      // means the mark could not be mapped onto the text, and nothing is claimed.
      auto end = rest.find_last_not_of(" \t\r");
      std::string_view first_line = end == std::string_view::npos ? std::string_view() : rest.substr(0, end + 1);
      if (first_line.empty() || !std::string_view(key.scalar).starts_with(first_line)) return;
    }
    fail(key.mark, "YAML-SYNTAX",
         "'" + clip_text(key.scalar) + "' is not followed by ':' (could not find expected ':')",
         "each line of a mapping is key: value; the file may be cut off here");
  }

  // Byte offset of a mark (marks count bytes), or npos.
  std::size_t offset_of(Mark m) {
    while (line_starts_.size() < static_cast<std::size_t>(m.line) && scanned_ < text_.size()) {
      std::size_t nl = text_.find('\n', scanned_);
      if (nl == std::string_view::npos) {
        scanned_ = text_.size();
        break;
      }
      line_starts_.push_back(nl + 1);
      scanned_ = nl + 1;
    }
    if (m.line < 1 || static_cast<std::size_t>(m.line) > line_starts_.size()) return std::string_view::npos;
    std::size_t at = line_starts_[m.line - 1] + m.col - 1;
    return at <= text_.size() ? at : std::string_view::npos;
  }

  void open(Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool block) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->mark = to_mark(mark);
    if (tag != "?" && tag != "!" && !tag.empty()) n->tag = tag;
    if (stack_.size() >= limits_.max_depth) {
      fail(n->mark, "YAML-LIMIT", "nesting deeper than " + std::to_string(limits_.max_depth) + " levels",
           "a configuration is never this deep; the file is probably generated wrongly");
    }
    if (anchor != 0) anchors_[anchor] = n;
    stack_.push_back(Frame{n, Size{}, false, {}, {}, {}, block});
  }

  void close() {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    if (f.node->kind == Kind::Mapping && f.have_key) {
      // A key without a value cannot happen with yaml-cpp (it emits a null), but be safe.
      fail(f.key_mark, "YAML-SYNTAX", "mapping key without a value");
    }
    sizes_[f.node.get()] = f.expanded;
    add(f.node, 0, f.expanded, /*already_anchored=*/true);
  }

  void add(const std::shared_ptr<Node>& n, YAML::anchor_t anchor, Size expanded, bool already_anchored = false) {
    if (anchor != 0 && !already_anchored) anchors_[anchor] = n;
    if (!already_anchored) sizes_[n.get()] = expanded;
    if (stack_.empty()) {
      root_ = n;
      return;
    }
    Frame& parent = stack_.back();
    // What aliases repeat counts as often as it is repeated, in nodes and in bytes: a
    // 1 MB scalar aliased 2,000 times is 2 GB of text to check, and of keys to copy.
    parent.expanded.bytes = std::min(parent.expanded.bytes + expanded.bytes, limits_.max_expanded_bytes + 1);
    if (parent.expanded.bytes > limits_.max_expanded_bytes) {
      fail(n->mark, "YAML-LIMIT",
           "the document expands to more than " + std::to_string(limits_.max_expanded_bytes >> 20) +
               " MiB of text (anchors and aliases repeat it)",
           "write the values out instead of aliasing large ones");
    }
    parent.expanded.nodes = std::min(parent.expanded.nodes + expanded.nodes, limits_.max_expanded_nodes + 1);
    if (parent.expanded.nodes > limits_.max_expanded_nodes) {
      fail(n->mark, "YAML-LIMIT",
           "the document expands to more than " + std::to_string(limits_.max_expanded_nodes) +
               " nodes (anchors and aliases multiply)",
           "this looks like an alias bomb; write the values out instead of aliasing");
    }
    if (parent.node->kind == Kind::Sequence) {
      parent.node->items.push_back(n);
      return;
    }
    if (!parent.have_key) {
      if (n->kind == Kind::Mapping || n->kind == Kind::Sequence) {
        fail(n->mark, "YAML-SYNTAX", "a mapping key must be a plain value, not a collection");
      }
      parent.key = n->kind == Kind::Null ? std::string() : n->scalar;
      parent.key_mark = n->mark;
      parent.have_key = true;
      return;
    }
    if (!parent.keys.insert(parent.key).second) {
      const Entry* first = parent.node->entry(parent.key);
      fail(parent.key_mark, "YAML-DUPLICATE-KEY", "duplicate key '" + parent.key + "'",
           first ? "first defined at line " + std::to_string(first->key_mark.line) +
                       "; a YAML mapping holds each key once, and ParallelCluster refuses repeats"
                 : std::string());
    }
    parent.node->entries.push_back(Entry{parent.key, parent.key_mark, n});
    parent.have_key = false;
  }

  // YAML 1.1 merge keys ("<<: *base"), as PyYAML applies them: keys already present win.
  void merge_keys(Node& map) {
    auto it = std::find_if(map.entries.begin(), map.entries.end(), [](const Entry& e) { return e.key == "<<"; });
    if (it == map.entries.end()) return;
    NodePtr src = it->value;
    Mark at = it->key_mark;
    map.entries.erase(it);
    std::vector<NodePtr> sources;
    if (src->is_map()) {
      sources.push_back(src);
    } else if (src->is_seq()) {
      sources = src->items;
    }
    // A set, not map.entry() per key: merging a mapping of n keys into one of m keys was
    // O(n*m) (two 200,000-key mappings, a 4.5 MB file, ran for minutes).
    std::unordered_set<std::string> present;
    for (const auto& e : map.entries) present.insert(e.key);
    for (const auto& s : sources) {
      if (!s->is_map()) {
        fail(at, "YAML-SYNTAX", "a merge key ('<<') must refer to a mapping or a list of mappings");
      }
      for (const auto& e : s->entries) {
        if (present.insert(e.key).second) map.entries.push_back(e);
      }
    }
    if (sources.empty()) {
      fail(at, "YAML-SYNTAX", "a merge key ('<<') must refer to a mapping or a list of mappings");
    }
  }

  std::string path_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_{0};  // offsets of the lines found so far
  std::size_t scanned_ = 0;
  Limits limits_;
  NodePtr root_;
  bool saw_document_ = false;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, std::shared_ptr<Node>> anchors_;
  std::map<const Node*, Size> sizes_;
};

}  // namespace

Document parse_yaml(const std::string& path, std::string_view text, const Limits& limits) {
  if (text.size() > limits.max_bytes) {
    throw InputError(path, 0, 0, "YAML-LIMIT", "file is larger than " + std::to_string(limits.max_bytes >> 20) + " MiB",
                     "configurations are a few KiB; check that this is the right file");
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  if (auto bad = find_invalid_utf8(text)) {
    throw InputError(path, bad->line, bad->col, "YAML-ENCODING", "the file is not valid UTF-8",
                     "save it as UTF-8 (binary data or another encoding was given)");
  }
  if (auto tab = find_tab_indentation(text)) {
    throw InputError(path, tab->line, tab->col, "YAML-SYNTAX", "tab character in indentation",
                     "YAML indents with spaces only");
  }
  if (text.find('\0') != std::string_view::npos) {
    auto m = mark_at(text, text.find('\0'));
    throw InputError(path, m.line, m.col, "YAML-ENCODING", "the file contains a NUL byte", "binary data is not YAML");
  }

  if (auto excess = find_flow_excess(text, limits.max_depth, limits.max_flow_bytes)) {
    throw InputError(path, excess->mark.line, excess->mark.col, "YAML-LIMIT", excess->message,
                     "no configuration is this large in flow style; write it in block style, or check that "
                     "this is the right file");
  }

  std::istringstream in{std::string(text)};
  Document d;
  d.path = path;
  Builder b(path, text, limits);
  Builder second(path, text, limits);
  const Builder* active = &b;
  try {
    YAML::Parser parser(in);
    parser.HandleNextDocument(b);
    active = &second;
    if (parser.HandleNextDocument(second) && second.saw_document()) {
      Mark m = second.root() ? second.root()->mark : Mark{1, 1};
      throw InputError(path, m.line, m.col, "YAML-MULTIPLE-DOCUMENTS", "the file holds more than one YAML document",
                       "keep one document per file (remove the second '---')");
    }
    d.root = b.root();
  } catch (const YAML::Exception& e) {
    std::string msg = e.msg.empty() ? std::string("malformed YAML") : e.msg;
    const char* rule = "YAML-SYNTAX";
    if (msg.find("depth") != std::string::npos) rule = "YAML-LIMIT";
    // An unclosed '[' or '{' (a truncated file): yaml-cpp marks column 1 of the last line,
    // which is neither the bracket nor the end of the file. Point at the bracket instead.
    bool seq_flow = msg == YAML::ErrorMsg::END_OF_SEQ_FLOW;
    if (seq_flow || msg == YAML::ErrorMsg::END_OF_MAP_FLOW) {
      auto open = active->innermost_open();
      if (open && open->first == (seq_flow ? Kind::Sequence : Kind::Mapping)) {
        throw InputError(path, open->second.line, open->second.col, rule,
                         std::string("the '") + (seq_flow ? "[" : "{") + "' here is never closed with '" +
                             (seq_flow ? "]" : "}") + "'",
                         "the file may be truncated; close the flow collection");
      }
    }
    throw InputError(path, e.mark.is_null() ? 0 : e.mark.line + 1, e.mark.is_null() ? 0 : e.mark.column + 1, rule, msg);
  }
  if (!d.root) {
    auto n = std::make_shared<Node>();
    n->mark = Mark{1, 1};
    d.root = n;
  }
  return d;
}

Document load_yaml_file(const std::string& path, const Limits& limits) {
  return parse_yaml(path, read_file(path, limits.max_bytes), limits);
}

}  // namespace pwpc::doc
