#!/usr/bin/env python3
"""Writes the small hostile-input corpus under tests/hostile/ (byte-exact; see README.md).

Run from anywhere: python3 tests/hostile/make_corpus.py. The files are committed; this
script documents how each was made and rewrites them identically. Large inputs (10 MB
scalars, files over 16 MiB, 10,000-level nesting, many outputs) are generated at test time
by tests/cli/hostile_inputs.sh instead.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BOM = b"\xef\xbb\xbf"


def write(reader, name, data):
    os.makedirs(os.path.join(HERE, reader), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(HERE, reader, name), "wb") as f:
        f.write(data)


def crlf(b):
    return b.replace(b"\n", b"\r\n")


def cut_after(text, marker):
    """The text up to and including the first occurrence of marker (a truncated file)."""
    i = text.index(marker)
    return text[: i + len(marker)]


# A billion laughs: 9 levels of 10 aliases each expand to 10^9 nodes.
def alias_bomb(prefix, key="lol"):
    lines = [prefix.rstrip("\n")] if prefix else []
    lines.append(f"{key}0: &a0 [x, x, x, x, x, x, x, x, x, x]")
    for i in range(1, 10):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"{key}{i}: &a{i} [{refs}]")
    return "\n".join(lines) + "\n"


# The same bomb built from merge keys: each level merges the previous mapping ten times
# under new keys (aliases still multiply the nodes).
def merge_bomb():
    lines = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10}"]
    for i in range(1, 10):
        items = ", ".join(f"k{k}: *m{i - 1}" for k in range(10))
        lines.append(f"m{i}: &m{i} {{<<: *m{i - 1}, {items}}}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- profile
PROFILE = """apiVersion: pwpc/v1
cluster:
  name: ds-small
  region: us-east-1
  parallelcluster_version: "3.14.0"
  os: ubuntu2204
users:
  concurrent: 15
  named: 20
  sessions_per_user: 2
workloads:
  - name: interactive
    share: 1
    cpus: 2
    memory_gib: 8
storage:
  home_gib_per_user: 50
  home_deployment_type: PERSISTENT_2
  home_throughput_per_tib: 125
workbench:
  version: 2025.09.1+401.pro2
  r_versions: ["4.5.1", "4.4.3"]
  python_versions: ["3.12.11", "3.11.13"]
  ides:
    jupyter: true
    vscode: true
    positron: false
"""
P = PROFILE.encode()
write("profile", "baseline.yaml", P)
write("profile", "bom.yaml", BOM + P)
write("profile", "crlf.yaml", crlf(P))
write("profile", "bom-crlf.yaml", BOM + crlf(P))
write("profile", "no-final-newline.yaml", P.rstrip(b"\n"))
# Anchors, aliases and a merge key, meaning exactly the baseline.
write("profile", "anchors-merge.yaml", PROFILE
      .replace("  sessions_per_user: 2", "  sessions_per_user: &two 2")
      .replace("    cpus: 2", "    cpus: *two")
      .replace("  ides:\n    jupyter: true\n    vscode: true\n    positron: false\n",
               "  ides: {<<: {jupyter: true, vscode: true, positron: true}, positron: false}\n"))
write("profile", "truncated-in-quote.yaml", cut_after(PROFILE, 'parallelcluster_version: "3.1'))
write("profile", "truncated-in-flow.yaml", cut_after(PROFILE, 'r_versions: ["4.5.1", '))
write("profile", "truncated-in-key.yaml", cut_after(PROFILE, "  home_deployment_ty"))
write("profile", "truncated-after-colon.yaml", cut_after(PROFILE, "users:"))
write("profile", "binary-gzip.yaml", bytes.fromhex("1f8b0800000000000003") + bytes(range(0x80, 0xa0)))
write("profile", "nul-byte.yaml", P.replace(b"ds-small", b"ds-\x00small"))
write("profile", "latin1.yaml", P.replace(b"ds-small", b"ds-sm\xe5ll"))
write("profile", "overlong-utf8.yaml", P.replace(b"ds-small", b"ds-\xc0\xafsmall"))
write("profile", "surrogate-utf8.yaml", P.replace(b"ds-small", b"ds-\xed\xa0\x80small"))
write("profile", "cut-utf8.yaml", P[:P.index(b"ds-small")] + b"ds-\xc3")
write("profile", "utf16le.yaml", b"\xff\xfe" + PROFILE.encode("utf-16-le"))
write("profile", "tab-indent.yaml", PROFILE.replace("  concurrent: 15", "\tconcurrent: 15"))
write("profile", "tab-after-spaces.yaml", PROFILE.replace("    cpus: 2", "  \t  cpus: 2"))
write("profile", "duplicate-key.yaml", PROFILE + "users:\n  concurrent: 16\n")
write("profile", "duplicate-nested-key.yaml", PROFILE.replace("  named: 20", "  named: 20\n  concurrent: 16"))
write("profile", "alias-bomb.yaml", alias_bomb(""))
write("profile", "merge-bomb.yaml", merge_bomb())
write("profile", "alias-recursive.yaml", "apiVersion: pwpc/v1\ncluster: &c\n  name: ds-small\n  self: *c\n")
write("profile", "alias-undefined.yaml", PROFILE.replace("  concurrent: 15", "  concurrent: *users"))
write("profile", "merge-of-scalar.yaml", PROFILE.replace("users:\n", "users:\n  <<: 15\n"))
write("profile", "complex-key.yaml", PROFILE.replace("users:\n", "? [users]\n: 1\nusers:\n"))
write("profile", "huge-int.yaml", PROFILE.replace("concurrent: 15", "concurrent: 1000000000000000000000000000000"))
write("profile", "huge-float.yaml", PROFILE.replace("memory_gib: 8", "memory_gib: 1.0e+400"))
write("profile", "e400-string.yaml", PROFILE.replace("concurrent: 15", "concurrent: 1e400"))
write("profile", "negative.yaml", PROFILE.replace("concurrent: 15", "concurrent: -15"))
write("profile", "negative-float.yaml", PROFILE.replace("memory_gib: 8", "memory_gib: -8.5"))
write("profile", "nan.yaml", PROFILE.replace("memory_gib: 8", "memory_gib: .nan"))
write("profile", "inf.yaml", PROFILE.replace("home_gib_per_user: 50", "home_gib_per_user: .inf"))
write("profile", "negative-inf.yaml", PROFILE.replace("home_gib_per_user: 50", "home_gib_per_user: -.inf"))
write("profile", "empty.yaml", b"")
write("profile", "comments-only.yaml", "# a profile\n# with nothing in it\n")
write("profile", "whitespace-only.yaml", "\n   \n\n")
write("profile", "document-marker-only.yaml", "---\n...\n")
write("profile", "two-documents.yaml", PROFILE + "---\napiVersion: pwpc/v1\n")
write("profile", "two-empty-documents.yaml", "---\n---\n")
write("profile", "not-a-mapping.yaml", "- apiVersion: pwpc/v1\n")

# ---------------------------------------------------------------------------- cluster
CLUSTER = """Region: us-east-1
Image:
  Os: alinux2023
HeadNode:
  InstanceType: m6i.xlarge
  Networking:
    SubnetId: subnet-0123456789abcdef0
  Ssh:
    KeyName: admin
Scheduling:
  Scheduler: slurm
  SlurmQueues:
  - Name: mpi
    ComputeResources:
    - Name: hpc7a
      InstanceType: hpc7a.96xlarge
      MinCount: 0
      MaxCount: 4
      Efa:
        Enabled: true
    Networking:
      SubnetIds:
      - subnet-0123456789abcdef0
      PlacementGroup:
        Enabled: true
"""
C = CLUSTER.encode()
write("cluster", "baseline.yaml", C)
write("cluster", "bom.yaml", BOM + C)
write("cluster", "crlf.yaml", crlf(C))
# JSON is YAML too: the baseline as JSON means the same (positions differ, so "ok" only).
write("cluster", "as-json.json", json.dumps({
    "Region": "us-east-1", "Image": {"Os": "alinux2023"},
    "HeadNode": {"InstanceType": "m6i.xlarge", "Networking": {"SubnetId": "subnet-0123456789abcdef0"},
                 "Ssh": {"KeyName": "admin"}},
    "Scheduling": {"Scheduler": "slurm", "SlurmQueues": [{
        "Name": "mpi",
        "ComputeResources": [{"Name": "hpc7a", "InstanceType": "hpc7a.96xlarge", "MinCount": 0, "MaxCount": 4,
                              "Efa": {"Enabled": True}}],
        "Networking": {"SubnetIds": ["subnet-0123456789abcdef0"], "PlacementGroup": {"Enabled": True}}}]},
}, indent=2) + "\n")
write("cluster", "anchors-merge.yaml", CLUSTER
      .replace("    SubnetId: subnet-0123456789abcdef0", "    SubnetId: &subnet subnet-0123456789abcdef0")
      .replace("      - subnet-0123456789abcdef0", "      - *subnet")
      .replace("      MinCount: 0\n      MaxCount: 4\n", "      <<: {MinCount: 0, MaxCount: 1}\n      MaxCount: 4\n"))
write("cluster", "truncated-in-flow.yaml", CLUSTER.replace(
    "      SubnetIds:\n      - subnet-0123456789abcdef0\n      PlacementGroup:\n        Enabled: true\n",
    "      SubnetIds: [subnet-0123456789abcdef0, subnet-0fe"))
write("cluster", "truncated-in-quote.yaml", cut_after(CLUSTER, "Scheduling:\n  Scheduler: slurm\n") + '  SlurmQueues: "mp')
write("cluster", "truncated-mid-line.yaml", cut_after(CLUSTER, "      InstanceType: hpc7a.9"))
write("cluster", "binary-elf.yaml", b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00")
write("cluster", "invalid-utf8.yaml", C.replace(b"Name: mpi", b"Name: mp\xff"))
write("cluster", "tab-indent.yaml", CLUSTER.replace("  InstanceType: m6i.xlarge", "\tInstanceType: m6i.xlarge"))
write("cluster", "duplicate-key.yaml", CLUSTER.replace("      MaxCount: 4", "      MaxCount: 4\n      MaxCount: 8"))
write("cluster", "alias-bomb.yaml", alias_bomb(CLUSTER, key="Lol"))
write("cluster", "alias-recursive.yaml", CLUSTER.replace("  Ssh:\n", "  Ssh: &ssh\n").replace(
    "    KeyName: admin\n", "    KeyName: admin\n    Again: *ssh\n"))
write("cluster", "huge-int.yaml", CLUSTER.replace("MaxCount: 4", "MaxCount: 1000000000000000000000000000000"))
write("cluster", "huge-float.yaml", CLUSTER.replace("MaxCount: 4", "MaxCount: 1.0e+400"))
write("cluster", "negative.yaml", CLUSTER.replace("MaxCount: 4", "MaxCount: -4"))
write("cluster", "nan.yaml", CLUSTER.replace("MaxCount: 4", "MaxCount: .nan"))
write("cluster", "inf.yaml", CLUSTER.replace("MaxCount: 4", "MaxCount: .inf"))
write("cluster", "empty.yaml", b"")
write("cluster", "comments-only.yaml", "# cluster config\n# (nothing yet)\n")
write("cluster", "two-documents.yaml", CLUSTER + "---\nRegion: us-west-2\n")

# ---------------------------------------------------------------------------- image
IMAGE = """Build:
  InstanceType: c6i.xlarge
  ParentImage: ami-0123456789abcdef0
  Components:
  - Type: script
    Value: s3://example-bucket/install-r.sh
Image:
  RootVolume:
    Size: 100
"""
I = IMAGE.encode()
write("image", "baseline.yaml", I)
write("image", "bom.yaml", BOM + I)
write("image", "crlf.yaml", crlf(I))
write("image", "truncated.yaml", cut_after(IMAGE, "  Compo"))
write("image", "truncated-in-flow.yaml", cut_after(IMAGE, "  InstanceType: c6i.xlarge\n") + "  Components: [{Type: script, Value: s3:")
write("image", "binary.yaml", bytes(range(0xf8, 0x100)) * 4)
write("image", "duplicate-key.yaml", IMAGE.replace("  InstanceType: c6i.xlarge", "  InstanceType: c6i.xlarge\n  InstanceType: c6i.2xlarge"))
write("image", "alias-bomb.yaml", alias_bomb(IMAGE, key="Lol"))
write("image", "huge-int.yaml", IMAGE.replace("Size: 100", "Size: 1000000000000000000000000000000"))
write("image", "negative.yaml", IMAGE.replace("Size: 100", "Size: -100"))
write("image", "nan.yaml", IMAGE.replace("Size: 100", "Size: .nan"))
write("image", "empty.yaml", b"")
write("image", "two-documents.yaml", IMAGE + "---\n" + IMAGE)

# ---------------------------------------------------------------------------- cloudformation
CFN = """AWSTemplateFormatVersion: "2010-09-09"
Description: hostile-input baseline
Parameters:
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: baseline
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 10.0.0.0/8
Outputs:
  SgId:
    Value: !GetAtt Sg.GroupId
"""
F = CFN.encode()
CFN_JSON = json.dumps({
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "hostile-input baseline",
    "Parameters": {"VpcId": {"Type": "AWS::EC2::VPC::Id"}},
    "Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {
        "GroupDescription": "baseline", "VpcId": {"Ref": "VpcId"},
        "SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIp": "10.0.0.0/8"}]}}},
    "Outputs": {"SgId": {"Value": {"Fn::GetAtt": ["Sg", "GroupId"]}}},
}, indent=2) + "\n"
write("cloudformation", "baseline.yaml", F)
write("cloudformation", "bom.yaml", BOM + F)
write("cloudformation", "crlf.yaml", crlf(F))
write("cloudformation", "baseline.json", CFN_JSON)
write("cloudformation", "bom.json", BOM + CFN_JSON.encode())
write("cloudformation", "truncated.json", cut_after(CFN_JSON, '"GroupDescription": "baseline",'))
write("cloudformation", "truncated-in-string.json", cut_after(CFN_JSON, '"CidrIp": "10.0.'))
write("cloudformation", "truncated.yaml", cut_after(CFN, "      SecurityGroupIngress:\n        - IpProtocol: tcp\n          From"))
# Cut off deeper in: YAML folds the cut-off word into the value above ("tcp From").
write("cloudformation", "truncated-folded.yaml",
      cut_after(CFN, "      SecurityGroupIngress:\n        - IpProtocol: tcp\n") + "            From")
write("cloudformation", "duplicate-key.json", CFN_JSON.replace('"FromPort": 443,', '"FromPort": 443,\n              "FromPort": 22,'))
write("cloudformation", "duplicate-key.yaml", CFN.replace("  Sg:\n", "  Sg:\n    Type: AWS::S3::Bucket\n", 1))
write("cloudformation", "tab-indent.yaml", CFN.replace("    Type: AWS::EC2::SecurityGroup", "\tType: AWS::EC2::SecurityGroup"))
write("cloudformation", "binary.json", b"{\"Resources\": \x00\x01\x02\x03\xfe}")
write("cloudformation", "invalid-utf8.yaml", F.replace(b"GroupDescription: baseline", b"GroupDescription: base\xc3\x28line"))
write("cloudformation", "alias-bomb.yaml", alias_bomb(CFN, key="Lol"))
write("cloudformation", "two-documents.yaml", CFN + "---\n" + CFN)
write("cloudformation", "open-port-huge-int.yaml", CFN.replace("FromPort: 443", "FromPort: 0").replace(
    "ToPort: 443", "ToPort: 1000000000000000000000000000000").replace("10.0.0.0/8", "0.0.0.0/0"))
write("cloudformation", "open-port-negative.yaml", CFN.replace("FromPort: 443", "FromPort: -1").replace(
    "ToPort: 443", "ToPort: -1").replace("10.0.0.0/8", "0.0.0.0/0"))
write("cloudformation", "open-port-nan.yaml", CFN.replace("FromPort: 443", "FromPort: 0").replace(
    "ToPort: 443", "ToPort: .nan").replace("10.0.0.0/8", "0.0.0.0/0"))
write("cloudformation", "empty.yaml", b"")

# ---------------------------------------------------------------------------- Workbench INI
RSERVER = """www-port=8787
server-health-check-enabled=1
load-balancing-enabled=1
server-shared-storage-path=/home/rstudio/shared-storage
auth-pam-sessions-enabled=1
launcher-sessions-enabled=1
launcher-address=127.0.0.1
launcher-port=5559
launcher-default-cluster=Slurm
"""
LAUNCHER = """[server]
address=127.0.0.1
port=5559
server-user=rstudio-server
admin-group=rstudio-server

[cluster]
name=Slurm
type=Slurm
config-file=/opt/rstudio/launcher.slurm.conf
"""
R = RSERVER.encode()
L = LAUNCHER.encode()
write("rserver", "baseline.conf", R)
write("rserver", "bom.conf", BOM + R)
write("rserver", "crlf.conf", crlf(R))
write("rserver", "bom-crlf.conf", BOM + crlf(R))
write("rserver", "leading-whitespace.conf", RSERVER.replace("www-port", "\t www-port"))
write("rserver", "duplicate-key.conf", RSERVER + "www-port=8788\n")
write("rserver", "truncated-key.conf", cut_after(RSERVER, "launcher-addr"))
write("rserver", "key-without-name.conf", RSERVER.replace("www-port=8787", "=8787"))
write("rserver", "binary-png.conf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
write("rserver", "nul-byte.conf", R.replace(b"8787", b"87\x0087"))
write("rserver", "latin1.conf", R.replace(b"/home/rstudio/shared-storage", b"/home/rstudio/partag\xe9"))
write("rserver", "utf16le.conf", b"\xff\xfe" + RSERVER.encode("utf-16-le"))
write("rserver", "empty.conf", b"")
write("rserver", "comments-only.conf", "# rserver.conf\n; nothing set\n")
write("launcher", "baseline.conf", L)
write("launcher", "bom.conf", BOM + L)
write("launcher", "crlf.conf", crlf(L))
write("launcher", "truncated-section.conf", cut_after(LAUNCHER, "\n[clu"))
write("launcher", "section-trailing-junk.conf", LAUNCHER.replace("[cluster]", "[cluster] x"))
write("launcher", "binary.conf", bytes(range(0x80, 0x100)))
# Numbers the rules read: rserver.conf's launcher-port against launcher.conf's port.
for name, value in [("huge-int", "1000000000000000000000000000000"), ("e400", "1e400"),
                    ("negative", "-5559"), ("nan", "nan")]:
    write(f"workbench-pair/port-{name}", "rserver.conf", RSERVER.replace("launcher-port=5559", f"launcher-port={value}"))
    write(f"workbench-pair/port-{name}", "launcher.conf", L)
write("workbench-pair/baseline", "rserver.conf", R)
write("workbench-pair/baseline", "launcher.conf", L)
DATABASE = """provider=postgresql
connection-uri=postgresql://rstudio@db.example.internal:5432/rstudio?sslmode=require
"""
write("database", "baseline.conf", DATABASE)
write("database", "bom.conf", BOM + DATABASE.encode())
write("database", "crlf.conf", crlf(DATABASE.encode()))
write("database", "truncated.conf", cut_after(DATABASE, "connection-u"))
write("database", "binary.conf", b"\x00\x00\x00\x01\xff\xff")

# ---------------------------------------------------------------------------- systemd drop-ins
DROPIN = """[Service]
Environment="RSTUDIO_CONFIG_DIR=/opt/rstudio"
"""
D = DROPIN.encode()
write("systemd-dropin", "baseline.conf", D)
write("systemd-dropin", "bom.conf", BOM + D)
write("systemd-dropin", "crlf.conf", crlf(D))
write("systemd-dropin", "truncated-section.conf", "[Serv")
write("systemd-dropin", "truncated-line.conf", cut_after(DROPIN, 'Environment="RSTUDIO_CON'))
write("systemd-dropin", "binary.conf", b"\xde\xad\xbe\xef" * 8)
write("systemd-dropin", "invalid-utf8.conf", D.replace(b"/opt/rstudio", b"/opt/rstudi\xf0\x28\x8c\x28"))
write("systemd-dropin", "empty.conf", b"")

# ---------------------------------------------------------------------------- --stack-outputs JSON
OUTPUTS = {"Stacks": [{
    "StackName": "hostile-network",
    "StackStatus": "CREATE_COMPLETE",
    "Outputs": [
        {"OutputKey": "VpcId", "OutputValue": "vpc-0123456789abcdef0"},
        {"OutputKey": "SubnetId", "OutputValue": "subnet-0123456789abcdef0"},
        {"OutputKey": "LoadBalancerSubnetIds", "OutputValue": "subnet-0123456789abcdef1,subnet-0123456789abcdef2"},
    ],
}]}
S = json.dumps(OUTPUTS, indent=4) + "\n"
SB = S.encode()
write("stack-outputs", "baseline.json", SB)
write("stack-outputs", "bom.json", BOM + SB)
write("stack-outputs", "crlf.json", crlf(SB))
write("stack-outputs", "truncated.json", cut_after(S, '"OutputValue": "subnet-0123'))
write("stack-outputs", "truncated-in-number.json", '{"Stacks": [{"Outputs": [], "Count": 12')
write("stack-outputs", "binary.json", bytes.fromhex("504b030414000000080000002100") + bytes(range(0xc0, 0xd0)))
write("stack-outputs", "invalid-utf8.json", SB.replace(b"hostile-network", b"hostile-netw\xf8rk"))
write("stack-outputs", "nan.json", S.replace('"StackStatus": "CREATE_COMPLETE"', '"StackStatus": NaN'))
write("stack-outputs", "huge-number.json", S.replace('"StackStatus": "CREATE_COMPLETE"', '"Count": 1e400'))
write("stack-outputs", "huge-int.json", S.replace('"StackStatus": "CREATE_COMPLETE"', '"Count": 1000000000000000000000000000000'))
write("stack-outputs", "negative-value.json", S.replace('"OutputValue": "vpc-0123456789abcdef0"', '"OutputValue": -1'))
write("stack-outputs", "duplicate-key.json", S.replace('"OutputKey": "VpcId",', '"OutputKey": "VpcId", "OutputKey": "SubnetId",'))
write("stack-outputs", "stacks-not-a-list.json", '{"Stacks": {"StackName": "x"}}\n')
write("stack-outputs", "not-an-object.json", "[1, 2, 3]\n")
write("stack-outputs", "empty.json", b"")
write("stack-outputs", "whitespace-only.json", " \n\t\n")
write("stack-outputs", "two-documents.json", S + S)
write("stack-outputs", "yaml-not-json.json", "Stacks:\n  - Outputs: []\n")
