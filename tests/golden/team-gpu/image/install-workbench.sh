#!/bin/bash
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# Image Builder component for `pcluster build-image` (parallelcluster/image-config.yaml):
# installs Posit Workbench 2025.09.1+401.pro2, every R and Python version of the profile,
# the systemd drop-ins that point Workbench at /opt/rstudio, and the boot-time helpers.
# Workbench stays disabled in the AMI; pwpc-workbench.service starts it on login nodes
# once ParallelCluster has mounted /opt/rstudio and /home.
set -euxo pipefail
export DEBIAN_FRONTEND=noninteractive
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

install_package() {  # URL
  local file
  file=$(basename "$1")
  curl -fsSL --retry 5 -o "$file" "$1"
  apt-get install -y --no-install-recommends "./$file"
  rm -f "$file"
}

apt-get update -y
apt-get install -y --no-install-recommends curl ca-certificates unzip

# R, side by side under /opt/R/<version> (Posit's binaries; Workbench finds them there).
install_package https://cdn.posit.co/r/ubuntu-2204/pkgs/r-4.5.1_1_amd64.deb
/opt/R/4.5.1/bin/R --version
install_package https://cdn.posit.co/r/ubuntu-2204/pkgs/r-4.4.3_1_amd64.deb
/opt/R/4.4.3/bin/R --version

# Python, side by side under /opt/python/<version>.
install_package https://cdn.posit.co/python/ubuntu-2204/pkgs/python-3.12.11_1_amd64.deb
/opt/python/3.12.11/bin/python3 --version
install_package https://cdn.posit.co/python/ubuntu-2204/pkgs/python-3.11.13_1_amd64.deb
/opt/python/3.11.13/bin/python3 --version

# JupyterLab for Workbench (jupyter.conf: jupyter-exe=/opt/python/jupyter/bin/jupyter).
/opt/python/3.12.11/bin/python3 -m venv /opt/python/jupyter
/opt/python/jupyter/bin/pip install --upgrade pip
/opt/python/jupyter/bin/pip install jupyterlab notebook pwb_jupyterlab

# The AWS CLI reads the Workbench database secret at boot (ParallelCluster AMIs have it).
if ! command -v aws >/dev/null; then
  curl -fsSL --retry 5 -o awscliv2.zip https://awscli.amazonaws.com/awscli-exe-linux-x86_64.zip
  unzip -q awscliv2.zip
  ./aws/install
fi

# Posit Workbench.
install_package https://download2.rstudio.org/server/jammy/amd64/rstudio-workbench-2025.09.1-401.pro2-amd64.deb
systemctl disable --now rstudio-server.service rstudio-launcher.service || true

# systemd drop-ins and units (also in the bundle under systemd/).
install -d -m 0755 /etc/systemd/system/rstudio-server.service.d /etc/systemd/system/rstudio-launcher.service.d
cat >/etc/systemd/system/rstudio-server.service.d/override.conf <<'PWPC_EOF'
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /etc/systemd/system/rstudio-server.service.d/override.conf: Workbench reads its
# configuration from the shared EFS at /opt/rstudio.
[Service]
Environment="RSTUDIO_CONFIG_DIR=/opt/rstudio"
PWPC_EOF
cat >/etc/systemd/system/rstudio-server.service.d/database-password.conf <<'PWPC_EOF'
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /etc/systemd/system/rstudio-server.service.d/database-password.conf: before rserver
# starts, fetch the PostgreSQL password from AWS Secrets Manager into a root-only file on
# tmpfs; systemd passes it to rserver as WORKBENCH_POSTGRES_PASSWORD. The secret's ARN
# (not the password) is in /opt/rstudio/database-secret.env.
[Service]
EnvironmentFile=/opt/rstudio/database-secret.env
ExecStartPre=/usr/local/libexec/pwpc/workbench-db-password
EnvironmentFile=-/run/pwpc/workbench-db-password.env
PWPC_EOF
cat >/etc/systemd/system/rstudio-launcher.service.d/override.conf <<'PWPC_EOF'
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /etc/systemd/system/rstudio-launcher.service.d/override.conf: the Job Launcher reads its
# configuration from the shared EFS at /opt/rstudio.
[Service]
Environment="RSTUDIO_CONFIG_DIR=/opt/rstudio"
PWPC_EOF
cat >/etc/systemd/system/pwpc-workbench.service <<'PWPC_EOF'
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /etc/systemd/system/pwpc-workbench.service: on a ParallelCluster login node, start the
# Job Launcher and Workbench once the node is configured and /opt/rstudio and /home are
# mounted. On head and compute nodes it exits without starting anything.
[Unit]
Description=Start Posit Workbench once ParallelCluster has mounted /opt/rstudio and /home (pwpc)
Wants=network-online.target
After=network-online.target

[Service]
Type=simple
ExecStart=/usr/local/libexec/pwpc/workbench-start

[Install]
WantedBy=multi-user.target
PWPC_EOF
chmod 0644 /etc/systemd/system/rstudio-server.service.d/*.conf /etc/systemd/system/rstudio-launcher.service.d/override.conf /etc/systemd/system/pwpc-workbench.service

# Boot-time helpers (also in the bundle under image/libexec/).
install -d -m 0755 /usr/local/libexec/pwpc
cat >/usr/local/libexec/pwpc/workbench-db-password <<'PWPC_EOF'
#!/bin/bash
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /usr/local/libexec/pwpc/workbench-db-password: ExecStartPre of rstudio-server. Reads
# the Workbench PostgreSQL password from AWS Secrets Manager (the login nodes' instance
# role may read exactly that secret) and writes it, root-only, to a file on /run that
# systemd passes to rserver as WORKBENCH_POSTGRES_PASSWORD. Nothing is written to disk.
set -euo pipefail
: "${PWPC_WORKBENCH_DB_SECRET_ARN:?not set: is /opt/rstudio/database-secret.env there?}"
: "${AWS_DEFAULT_REGION:?not set: is /opt/rstudio/database-secret.env there?}"
umask 077
install -d -m 0700 /run/pwpc
password=$(aws secretsmanager get-secret-value --secret-id "$PWPC_WORKBENCH_DB_SECRET_ARN" \
  --region "$AWS_DEFAULT_REGION" --query SecretString --output text)
if [[ -z "$password" || "$password" == *[$'\n\r\\']* || "$password" == *"'"* ]]; then
  echo "workbench-db-password: the secret is empty or holds a quote, backslash or line break" >&2
  exit 1
fi
tmp=$(mktemp /run/pwpc/.workbench-db-password.XXXXXX)
printf "WORKBENCH_POSTGRES_PASSWORD='%s'\n" "$password" >"$tmp"
mv -f "$tmp" /run/pwpc/workbench-db-password.env
PWPC_EOF
cat >/usr/local/libexec/pwpc/workbench-start <<'PWPC_EOF'
#!/bin/bash
# Rendered by pwpc 0.1.0 from profile team-gpu.yaml. Do not edit: change the profile and run pwpc render again.
# /usr/local/libexec/pwpc/workbench-start: run by pwpc-workbench.service at boot. Waits
# until ParallelCluster has configured the node; on a login node it then waits for
# /opt/rstudio (EFS) and /home (FSx for Lustre) and starts rstudio-launcher and
# rstudio-server. Workbench is not enabled in the AMI, so it never starts with a default
# configuration before the shared one is mounted.
set -euo pipefail
cfnconfig=/etc/parallelcluster/cfnconfig
waited=0
until [[ -r "$cfnconfig" ]] && grep -q '^cfn_node_type=' "$cfnconfig"; do
  sleep 10; waited=$((waited + 10))
  if ((waited % 600 == 0)); then echo "workbench-start: still waiting for $cfnconfig"; fi
done
node_type=$(sed -n 's/^cfn_node_type=//p' "$cfnconfig" | tr -d '"' | head -n 1)
if [[ "$node_type" != "LoginNode" ]]; then
  echo "workbench-start: $node_type node, Workbench runs on login nodes only"
  exit 0
fi
until mountpoint -q /opt/rstudio && mountpoint -q /home && [[ -r /opt/rstudio/rserver.conf ]]; do
  sleep 10; waited=$((waited + 10))
  if ((waited % 600 == 0)); then echo "workbench-start: waiting for /opt/rstudio and /home"; fi
done
systemctl start rstudio-launcher.service
systemctl start rstudio-server.service
echo "workbench-start: rstudio-launcher and rstudio-server started"
PWPC_EOF
chmod 0755 /usr/local/libexec/pwpc/workbench-db-password /usr/local/libexec/pwpc/workbench-start

systemctl daemon-reload
systemctl enable pwpc-workbench.service
echo "install-workbench: Posit Workbench 2025.09.1+401.pro2 installed"
