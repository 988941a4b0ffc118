// PC-DIRECTORY-SERVICE: DomainNameValidator and AdditionalSssdConfigsValidator (errors),
// DomainAddrValidator and LdapTlsReqCertValidator (warnings).
#include "validate/rules/parallelcluster_model.hpp"

namespace pwpc::rules::pc {
namespace {

bool word_char(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
}

// ^([a-zA-Z0-9_-]+)(\.[a-zA-Z0-9_-]+)*$
bool fqdn(std::string_view s) {
  s = strip_final_newline(s);
  if (s.empty()) return false;
  bool need_word = true;
  for (char ch : s) {
    if (ch == '.') {
      if (need_word) return false;
      need_word = true;
    } else if (word_char(ch)) {
      need_word = false;
    } else {
      return false;
    }
  }
  return !need_word;
}

// ^((DC|dc)=[a-zA-Z0-9_-]+)(,(DC|dc)=[a-zA-Z0-9_-]+)*$
bool ldap_dn(std::string_view s) {
  s = strip_final_newline(s);
  std::size_t start = 0;
  while (true) {
    auto comma = s.find(',', start);
    std::string_view part = s.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    if (!(part.starts_with("DC=") || part.starts_with("dc="))) return false;
    std::string_view v = part.substr(3);
    if (v.empty()) return false;
    for (char ch : v) {
      if (!word_char(ch)) return false;
    }
    if (comma == std::string_view::npos) return true;
    start = comma + 1;
  }
}

void check(Context& ctx) {
  for_each_cluster(ctx, [](const Cluster& c) {
    At ds = c.root["DirectoryService"];
    if (!ds.is_map()) return;
    At name = ds["DomainName"];
    if (auto n = name.string(); n && !fqdn(*n) && !ldap_dn(*n)) {
      c.report("PC-DIRECTORY-SERVICE", name,
               "DomainName " + q(*n) +
                   " is neither a domain name (corp.example.com) nor an LDAP DN (DC=corp,DC=example,DC=com)",
               "write the directory's domain, e.g. corp.example.com");
    }
    At sssd = ds["AdditionalSssdConfigs"];
    At idp = sssd["id_provider"];
    if (idp.present() && idp.str().value_or("") != "ldap") {
      c.report("PC-DIRECTORY-SERVICE", idp, "AdditionalSssdConfigs id_provider must be 'ldap'",
               "remove id_provider; ParallelCluster configures SSSD for LDAP");
    }
    At acp = sssd["access_provider"];
    if (acp.present() && ds["LdapAccessFilter"].present() && acp.str().value_or("") != "ldap") {
      c.report("PC-DIRECTORY-SERVICE", acp,
               "AdditionalSssdConfigs access_provider must be 'ldap' when LdapAccessFilter is set",
               "remove access_provider, or remove LdapAccessFilter");
    }
    At req = ds["LdapTlsReqCert"];
    if (auto r = req.string(); r && *r != "hard" && *r != "demand") {
      c.report("PC-DIRECTORY-SERVICE", Severity::Warning, req,
               "LdapTlsReqCert " + q(*r) + " does not verify the directory's certificate",
               "use 'hard' (the default) or 'demand' so that a forged LDAP server is refused");
    }
    At addr = ds["DomainAddr"];
    if (auto a = addr.string()) {
      std::size_t start = 0;
      while (start <= a->size()) {
        auto comma = a->find(',', start);
        std::string one = a->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::string scheme = url_scheme(one);
        if (scheme == "ldap") {
          c.report("PC-DIRECTORY-SERVICE", Severity::Warning, addr,
                   "DomainAddr " + q(one) + " uses ldap://, which sends passwords unencrypted",
                   "use ldaps:// (and LdapTlsReqCert hard)");
        } else if (scheme != "ldaps") {
          c.report("PC-DIRECTORY-SERVICE", Severity::Warning, addr,
                   "DomainAddr " + q(one) +
                       (scheme.empty() ? " names no scheme; ParallelCluster assumes ldaps://"
                                       : " uses the scheme " + q(scheme) + "; ParallelCluster expects ldaps://"),
                   "write it as ldaps://host");
        }
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
  });
}

}  // namespace

const Family& directory_service_family() {
  static const Family f{
      {rule("PC-DIRECTORY-SERVICE", Severity::Error,
            "DirectoryService names a valid domain and keeps SSSD on LDAP; insecure LDAP settings warn",
            "ParallelCluster's DomainNameValidator and AdditionalSssdConfigsValidator (errors), DomainAddrValidator "
            "and LdapTlsReqCertValidator (warnings).",
            std::string(kPcSource) + "validators/directory_service_validators.py")},
      check};
  return f;
}

}  // namespace pwpc::rules::pc
