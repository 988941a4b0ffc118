// The options pwpc knows for rserver.conf, launcher.conf and launcher.slurm.conf, for the
// "did you mean" of WB-UNKNOWN-OPTION. Workbench has many more options than any one page
// lists, so an option missing here is only reported as a warning when it is close to a
// known one, and as info otherwise.
//
// Sources (names only, no text copied):
//   rserver.conf  https://docs.posit.co/ide/server-pro/admin/reference/rserver_conf.html
//                 rstudio/rstudio src/cpp/server/server-options.json (open-source options)
//                 https://docs.posit.co/ide/server-pro/admin/job_launcher/configuration.html
//                 FACTS.md §2; Posit's own ParallelCluster deployment scripts
//   launcher.conf https://docs.posit.co/ide/server-pro/admin/reference/launcher_conf.html
//   launcher.slurm.conf https://docs.posit.co/ide/server-pro/admin/job_launcher/slurm_plugin.html
#include "validate/rules/workbench_checks.hpp"

namespace pwpc::rules {

namespace {

const std::vector<std::string>& rserver() {
  static const std::vector<std::string> v{
      // verify, server
      "verify-installation",
      "verify-user",
      "verify-test",
      "server-working-dir",
      "server-user",
      "server-daemonize",
      "server-pid-file",
      "server-app-armor-enabled",
      "server-set-umask",
      "secure-cookie-key-file",
      "server-data-dir",
      "server-add-header",
      "server-access-log",
      "server-health-check-enabled",
      "server-shared-storage-path",
      "server-project-sharing",
      "server-multiple-sessions",
      // www
      "www-address",
      "www-port",
      "www-root-path",
      "www-local-path",
      "www-symbol-maps-path",
      "www-use-emulated-stack",
      "www-thread-pool-size",
      "www-proxy-localhost",
      "www-verify-user-agent",
      "www-same-site",
      "www-frame-origin",
      "www-enable-origin-check",
      "www-allow-origin",
      "session-use-file-storage",
      // ssl
      "ssl-enabled",
      "ssl-certificate",
      "ssl-certificate-key",
      "ssl-protocols",
      // rsession
      "rsession-which-r",
      "rsession-path",
      "rldpath-path",
      "rsession-ld-library-path",
      "rsession-config-file",
      "rsession-proxy-max-wait-secs",
      "rsession-memory-limit-mb",
      "rsession-stack-limit-mb",
      "rsession-process-limit",
      "r-versions-path",
      "r-versions-scan",
      "modules-bin-path",
      // database
      "database-config-file",
      "db-command",
      // auth
      "auth-none",
      "auth-validate-users",
      "auth-stay-signed-in-days",
      "auth-timeout-minutes",
      "auth-encrypt-password",
      "auth-login-page-html",
      "auth-rdp-login-page-html",
      "auth-required-user-group",
      "auth-minimum-user-id",
      "auth-pam-helper-path",
      "auth-pam-require-password-prompt",
      "auth-pam-requires-priv",
      "auth-sign-in-throttle-seconds",
      "auth-revocation-list-dir",
      "auth-cookies-force-secure",
      "auth-pam-sessions-enabled",
      "auth-pam-sessions-use-password",
      "auth-pam-sessions-profile",
      "auth-proxy",
      "auth-proxy-sign-in-url",
      "auth-proxy-user-header",
      "auth-openid",
      "auth-openid-issuer",
      "auth-openid-username-claim",
      "auth-saml",
      "auth-saml-metadata-url",
      "auth-saml-sp-attribute-username",
      // admin, audit, monitor, metrics, API
      "admin-enabled",
      "admin-group",
      "admin-superuser-group",
      "admin-monitor-log-use-server-time-zone",
      "audit-r-console",
      "audit-r-console-user-limit-mb",
      "audit-r-console-user-limit-months",
      "audit-r-sessions",
      "audit-data-path",
      "audit-r-sessions-limit-mb",
      "audit-r-sessions-limit-months",
      "monitor-data-path",
      "monitor-interval-seconds",
      "metrics-enabled",
      "metrics-port",
      "workbench-api-enabled",
      "workbench-api-admin-enabled",
      "workbench-api-super-admin-enabled",
      // load balancing
      "load-balancing-enabled",
      // launcher
      "launcher-sessions-enabled",
      "launcher-address",
      "launcher-port",
      "launcher-default-cluster",
      "launcher-sessions-callback-address",
      "launcher-use-ssl",
      "launcher-verify-ssl-certs",
      "launcher-sessions-clusters",
      "launcher-adhoc-clusters",
      "launcher-sessions-container-image",
      "launcher-sessions-container-images",
      "launcher-sessions-container-run-as-root",
      "launcher-sessions-create-container-user",
      "launcher-sessions-forward-container-environment",
      "launcher-sessions-forward-environment",
      "launcher-sessions-connection-timeout-seconds",
  };
  return v;
}

const std::vector<std::string>& launcher_server() {
  static const std::vector<std::string> v{
      "address",
      "port",
      "enable-ssl",
      "certificate-file",
      "certificate-key-file",
      "server-user",
      "authorization-enabled",
      "admin-group",
      "thread-pool-size",
      "request-timeout-seconds",
      "bootstrap-timeout-seconds",
      "max-message-size",
      "enable-debug-logging",
      "scratch-path",
      "enable-cgroups",
  };
  return v;
}

const std::vector<std::string>& launcher_cluster() {
  static const std::vector<std::string> v{"name", "type", "exe", "config-file", "allowed-groups"};
  return v;
}

const std::vector<std::string>& launcher_slurm() {
  static const std::vector<std::string> v{
      "server-user",
      "thread-pool-size",
      "enable-debug-logging",
      "scratch-path",
      "logging-dir",
      "job-expiry-hours",
      "profile-config",
      "slurm-service-user",
      "slurm-bin-path",
      "user-storage-path",
      "max-output-stream-seconds",
      "rsandbox-path",
      "unprivileged",
      "enable-gpus",
      "enable-gres",
      "gpu-types",
      "default-gpu-brand",
      "constraints",
      "resource-profile-config",
      "default-partition",
  };
  return v;
}

}  // namespace

const std::vector<std::string>& known_options(FileKind kind, const std::string& section) {
  static const std::vector<std::string> none;
  switch (kind) {
    case FileKind::RServerConf: return section.empty() ? rserver() : none;
    case FileKind::LauncherConf:
      return section == "server" ? launcher_server() : section == "cluster" ? launcher_cluster() : none;
    case FileKind::LauncherSlurmConf: return section.empty() ? launcher_slurm() : none;
    default: return none;
  }
}

const std::vector<DeprecatedOption>& deprecated_rserver_options() {
  static const std::vector<DeprecatedOption> v{
      {"launcher-sessions-forward-container-environment", "2024.09",
       "remove it; environment variables are forwarded by default, and launcher-sessions-forward-environment=0 "
       "turns forwarding off (Workbench 2024.09 release notes, rstudio-pro#5895)"},
      {"server-app-armor-enabled", "", "remove it; Workbench ignores it"},
      {"rsession-memory-limit-mb", "", "remove it; limit memory through the launcher's resource profiles"},
      {"rsession-stack-limit-mb", "", "remove it; Workbench ignores it"},
      {"rsession-process-limit", "", "remove it; Workbench ignores it"},
      {"auth-pam-requires-priv", "", "remove it; it is always true"},
      {"auth-revocation-list-dir", "", "remove it; revoked tokens live in the internal database"},
  };
  return v;
}

}  // namespace pwpc::rules
