// Strict JSON into the positioned Node tree. nlohmann::json checks the syntax and decodes
// strings (its SAX interface, so no second tree is built); a cursor walks the text in step
// with the SAX events to give every node and key its line and column, which nlohmann's
// events do not carry. The cursor can stay simple: an event arrives only after nlohmann
// has accepted its token, so the text at the cursor is always well-formed JSON.
#include <memory>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "document/text_checks.hpp"
#include "pwpc/document.hpp"

namespace pwpc::doc {
namespace {

using json = nlohmann::json;

class TreeBuilder final : public nlohmann::json_sax<json> {
 public:
  TreeBuilder(std::string_view text, const Limits& limits) : text_(text), limits_(limits) {}

  bool null() override { return leaf(Kind::Null, {}, true); }
  bool boolean(bool /*val*/) override { return leaf(Kind::Scalar, {}, true); }
  bool number_integer(number_integer_t /*val*/) override { return leaf(Kind::Scalar, {}, true); }
  bool number_unsigned(number_unsigned_t /*val*/) override { return leaf(Kind::Scalar, {}, true); }
  bool number_float(number_float_t /*val*/, const string_t& /*s*/) override { return leaf(Kind::Scalar, {}, true); }
  bool string(string_t& val) override { return leaf(Kind::Scalar, std::move(val), false); }
  bool binary(binary_t& /*val*/) override { return leaf(Kind::Scalar, {}, true); }

  bool start_object(std::size_t /*elements*/) override { return open(Kind::Mapping); }
  bool start_array(std::size_t /*elements*/) override { return open(Kind::Sequence); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  bool key(string_t& val) override {
    Mark m = token();
    Frame& f = frames_.back();
    auto [it, fresh] = f.seen.try_emplace(val, m);
    if (!fresh) {
      return fail(m,
                  "duplicate key \"" + clip_text(val) + "\" (first at line " + std::to_string(it->second.line) +
                      ", column " + std::to_string(it->second.col) + ")",
                  "keep one of them; JSON readers disagree about which one counts");
    }
    f.key = std::move(val);
    f.key_mark = m;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    std::string what = ex.what();
    if (ex.id == 406) {  // out_of_range: a number too large for a double; position is after it
      std::size_t start = position >= last_token.size() ? position - last_token.size() : 0;
      error_ =
          Error{mark_at(text_, start), "not usable JSON: the number " + clip_text(last_token) + " is too large", ""};
      return false;
    }
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
    // parsing value - invalid literal; last read: 'N'": keep what went wrong, without the
    // position (ours is given) or the raw bytes read (they may be binary).
    auto dash = what.find(" - ");
    std::string reason = dash == std::string::npos ? what.substr(what.rfind(": ") + 2) : what.substr(dash + 3);
    if (auto last_read = reason.find("; last read:"); last_read != std::string::npos) reason.resize(last_read);
    error_ = Error{mark_at(text_, position > 0 ? position - 1 : 0), "not valid JSON: " + reason, ""};
    return false;
  }

  NodePtr root() const { return root_; }
  struct Error {
    Mark mark;
    std::string message, hint;
  };
  const std::optional<Error>& error() const { return error_; }

 private:
  struct Frame {
    std::shared_ptr<Node> node;
    std::string key;  // Mapping: the key whose value comes next
    Mark key_mark;
    std::unordered_map<std::string, Mark> seen;
  };

  // Moves the cursor over the next token and returns where it starts.
  Mark token() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' ||
                                   text_[pos_] == '\r' || text_[pos_] == ',' || text_[pos_] == ':')) {
      ++pos_;
    }
    const std::size_t start = pos_;
    tok_start_ = start;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
        if (text_[pos_] == '\\') ++pos_;
      }
      ++pos_;
    } else if (pos_ < text_.size() &&
               (text_[pos_] == '{' || text_[pos_] == '}' || text_[pos_] == '[' || text_[pos_] == ']')) {
      ++pos_;
    } else {  // number, true, false, null: up to the next delimiter
      while (pos_ < text_.size() && std::string_view(" \t\r\n,:]}").find(text_[pos_]) == std::string_view::npos) {
        ++pos_;
      }
    }
    // Lines before the cursor are counted once: marks are asked for in text order.
    for (; counted_ < start; ++counted_) {
      if (text_[counted_] == '\n') {
        ++line_;
        line_start_ = counted_ + 1;
      }
    }
    return Mark{line_, static_cast<int>(start - line_start_) + 1};
  }

  bool count() {
    if (++nodes_ <= limits_.max_expanded_nodes) return true;
    return fail(Mark{line_, static_cast<int>(pos_ - line_start_)},
                "more than " + std::to_string(limits_.max_expanded_nodes) + " values",
                "this is far larger than any file pwpc reads; check that this is the right file");
  }

  bool add(std::shared_ptr<Node> n) {
    if (frames_.empty()) {
      root_ = std::move(n);
      return true;
    }
    Frame& f = frames_.back();
    if (f.node->kind == Kind::Sequence) {
      f.node->items.push_back(std::move(n));
    } else {
      f.node->entries.push_back(Entry{std::move(f.key), f.key_mark, std::move(n)});
    }
    return true;
  }

  bool leaf(Kind kind, std::string value, bool plain) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->mark = token();
    n->plain = plain;
    n->scalar =
        kind == Kind::Scalar && plain ? std::string(text_.substr(tok_start_, pos_ - tok_start_)) : std::move(value);
    return count() && add(std::move(n));
  }

  bool open(Kind kind) {
    auto n = std::make_shared<Node>();
    n->kind = kind;
    n->mark = token();
    if (frames_.size() >= limits_.max_depth) {
      return fail(n->mark, "nested deeper than " + std::to_string(limits_.max_depth) + " levels",
                  "no file pwpc reads nests this deep; check that this is the right file");
    }
    if (!count()) return false;
    frames_.push_back(Frame{std::move(n), {}, {}, {}});
    return true;
  }

  bool close() {
    token();
    std::shared_ptr<Node> n = std::move(frames_.back().node);
    frames_.pop_back();
    return add(std::move(n));
  }

  bool fail(Mark m, std::string message, std::string hint) {
    error_ = Error{m, std::move(message), std::move(hint)};
    return false;
  }

  std::string_view text_;
  const Limits& limits_;
  std::size_t pos_ = 0;         // the cursor: just after the last token
  std::size_t tok_start_ = 0;   // where the last token starts
  std::size_t counted_ = 0;     // lines are counted up to here
  std::size_t line_start_ = 0;  // offset of the current line
  int line_ = 1;
  std::size_t nodes_ = 0;
  std::vector<Frame> frames_;
  NodePtr root_;
  std::optional<Error> error_;
};

}  // namespace

Document parse_json(const std::string& path, std::string_view text, const JsonOptions& opts) {
  if (text.size() > opts.limits.max_bytes) {
    throw InputError(path, 0, 0, opts.rule,
                     "file is larger than " + std::to_string(opts.limits.max_bytes >> 20) + " MiB", opts.hint);
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // UTF-8 byte order mark
  TreeBuilder b(text, opts.limits);
  bool ok = json::sax_parse(text, &b, json::input_format_t::json, /*strict=*/true);
  if (!ok || !b.root()) {
    const auto& e = b.error();
    Mark m = e ? e->mark : Mark{1, 1};
    throw InputError(path, m.line, m.col, opts.rule, e ? e->message : "not valid JSON",
                     e && !e->hint.empty() ? e->hint : opts.hint);
  }
  return Document{path, b.root()};
}

}  // namespace pwpc::doc
