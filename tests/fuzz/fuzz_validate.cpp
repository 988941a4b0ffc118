// libFuzzer target: `pwpc validate` on one file of any kind. The first byte picks the kind
// (cluster, image, CloudFormation, rserver.conf, launcher.conf, ...); the rest is the file.
// validate_files must turn every input into diagnostics, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pwpc/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static const pwpc::FileKind kinds[] = {
      pwpc::FileKind::ClusterConfig, pwpc::FileKind::ImageConfig,   pwpc::FileKind::CloudFormation,
      pwpc::FileKind::RServerConf,   pwpc::FileKind::LauncherConf,  pwpc::FileKind::LauncherSlurmResources,
      pwpc::FileKind::DatabaseConf,  pwpc::FileKind::SystemdDropIn, pwpc::FileKind::Profile,
  };
  pwpc::SourceFile f;
  f.path = "fuzz";
  f.kind = kinds[data[0] % (sizeof kinds / sizeof kinds[0])];
  f.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  pwpc::ValidateOptions o;
  o.bundle = (data[0] & 0x80) != 0;
  o.cluster_name = "fuzz-cluster";
  (void)pwpc::validate_files({f}, o);
  return 0;
}
