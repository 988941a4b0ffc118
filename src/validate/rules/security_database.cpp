// Security rules on Workbench's database.conf: a password written into the file, and a
// file mode that lets others read the credentials.
#include <fmt/format.h>

#include "validate/rules/security_checks.hpp"
#include "validate/rules/workbench_ini.hpp"

namespace pwpc::rules {
namespace {

// "postgresql://user:secret@host:5432/db" -> true (a password between ':' and '@').
bool uri_has_password(const std::string& uri) {
  auto scheme = uri.find("://");
  if (scheme == std::string::npos) return false;
  auto at = uri.find('@', scheme + 3);
  if (at == std::string::npos) return false;
  auto colon = uri.find(':', scheme + 3);
  return colon != std::string::npos && colon < at && colon + 1 < at;
}

void check_password(Context& ctx, const IniFile& f) {
  // Outside a bundle the value may be one encrypted with `rstudio-server encrypt-password`,
  // which pwpc cannot tell from plaintext: a warning there, an error in pwpc's own output.
  const Severity sev = ctx.options().bundle ? Severity::Error : Severity::Warning;
  const std::string hint =
      "keep the password out of the file: supply it from AWS Secrets Manager when the node boots, "
      "or encrypt it with `rstudio-server encrypt-password`";
  if (const ini::Entry* pw = top_level(f.ini, "password"); pw && !unquote(pw->value).empty()) {
    ctx.report("SEC-DATABASE-PASSWORD", sev, f.source->path, pw->value_mark,
               "database.conf holds the database password (pwpc cannot tell an encrypted value from plaintext)", hint,
               "password");
  }
  if (const ini::Entry* uri = top_level(f.ini, "connection-uri"); uri && uri_has_password(unquote(uri->value))) {
    ctx.report("SEC-DATABASE-PASSWORD", sev, f.source->path, uri->value_mark,
               "connection-uri carries the database password in plaintext", hint, "connection-uri");
  }
}

void check_mode(Context& ctx, const IniFile& f) {
  if (!ctx.options().bundle || !f.source->mode) return;
  mode_t m = *f.source->mode & 0777;
  if ((m & 077) == 0) return;
  ctx.report("SEC-DATABASE-CONF-MODE", f.source->path, doc::Mark{1, 1},
             fmt::format("database.conf has mode {:04o}: {} can read the database credentials", m,
                         (m & 07) ? "every user" : "the file's group"),
             "chmod 0600 database.conf (owner root); Workbench expects root:root 0600");
}

}  // namespace

void check_security_database_conf(Context& ctx, const IniFile& f) {
  check_password(ctx, f);
  check_mode(ctx, f);
}

}  // namespace pwpc::rules
