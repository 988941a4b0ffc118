// The checks of the "security" family, split by subject; security_rules.cpp holds the rule
// list and runs them.
#pragma once

#include "validate/rule_context.hpp"

namespace pwpc::rules {

void check_security_cluster(Context& ctx, const YamlFile& f);       // IMDSv1, unencrypted new EFS
void check_security_ingress(Context& ctx, const YamlFile& f);       // security groups open to the internet
void check_security_data(Context& ctx, const YamlFile& f);          // encryption, deletion protection, policies
void check_security_secrets(Context& ctx, const YamlFile& f);       // plaintext passwords in templates
void check_security_database_conf(Context& ctx, const IniFile& f);  // database.conf password and mode

}  // namespace pwpc::rules
