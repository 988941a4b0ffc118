#!/usr/bin/env node
// Writes data/cloudformation-resources.json: for the CloudFormation resource types pwpc
// renders (every `Type: AWS::X::Y` of templates/cloudformation/*.mustache) and their
// commonly hand-written neighbours, the property names, value types, required flags and
// nested property types, read offline from the CloudFormation resource specification in
// the npm package @aws-cdk/aws-service-spec (db.json.gz), as pinned and installed by
// tests/conformance (package-lock.json, `npm ci`). The rule CFN-PROPERTIES reads the file.
//
// Usage: node scripts/gen-cfn-resources.mjs [--out FILE]   (default: data/cloudformation-resources.json)
// Run it after changing the list below, the templates or the pinned package version;
// tests/cli/cfn_resources_data.sh fails while the committed file is stale.
//
// Value types, one string per property:
//   string integer number boolean json timestamp tag   (tag = {Key, Value})
//   list<T>  map<T>  A|B (either)  Name (the property type TYPE.Name under "types")
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = '@aws-cdk/aws-service-spec';

// Hand-written neighbours of what pwpc renders (the templates add theirs).
const NEIGHBOURS = [
  'AWS::CertificateManager::Certificate',
  'AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SecurityGroupIngress',
  'AWS::EFS::AccessPoint', 'AWS::EFS::FileSystem', 'AWS::EFS::MountTarget',
  'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::FSx::FileSystem',
  'AWS::IAM::InstanceProfile', 'AWS::IAM::ManagedPolicy', 'AWS::IAM::Policy', 'AWS::IAM::Role',
  'AWS::KMS::Key', 'AWS::Logs::LogGroup',
  'AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::RDS::DBParameterGroup', 'AWS::RDS::DBSubnetGroup',
  'AWS::Route53::RecordSet',
  'AWS::S3::Bucket', 'AWS::S3::BucketPolicy',
  'AWS::SecretsManager::Secret', 'AWS::SecretsManager::SecretTargetAttachment',
];
const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'json', 'timestamp', 'tag']);

function fail(message) {
  process.stderr.write(`gen-cfn-resources: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  let out = path.join(root, 'data/cloudformation-resources.json');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && i + 1 < argv.length) out = path.resolve(argv[++i]);
    else fail(`usage: gen-cfn-resources.mjs [--out FILE] (unknown argument ${argv[i]})`);
  }
  return { out };
}

// Resource types named in the CloudFormation templates pwpc renders.
function templateTypes() {
  const dir = path.join(root, 'templates/cloudformation');
  const types = new Set();
  for (const f of fs.readdirSync(dir).sort()) {
    if (!f.endsWith('.mustache')) continue;
    const text = fs.readFileSync(path.join(dir, f), 'utf-8');
    for (const m of text.matchAll(/^\s*Type:\s*['"]?(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)['"]?\s*$/gm)) types.add(m[1]);
  }
  return types;
}

function loadSpec() {
  const require = createRequire(path.join(root, 'tests/conformance/package.json'));
  let pkgJson;
  try {
    pkgJson = require.resolve(`${PACKAGE}/package.json`);
  } catch {
    fail(`${PACKAGE} is not installed: run \`npm ci\` in tests/conformance`);
  }
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(path.dirname(pkgJson), 'db.json.gz'))).toString('utf-8'));
  const version = JSON.parse(fs.readFileSync(pkgJson, 'utf-8')).version;
  return { db, version };
}

function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const { db, version } = loadSpec();
  const byType = new Map();
  for (const r of db.schema.resource.entities) {
    if (byType.has(r.cloudFormationType)) fail(`${r.cloudFormationType} appears twice in the specification`);
    byType.set(r.cloudFormationType, r);
  }
  const typeDefs = new Map(db.schema.typeDefinition.entities.map((t) => [t.$id, t]));
  const wanted = [...new Set([...NEIGHBOURS, ...templateTypes()])].sort();

  const resources = {};
  const types = {};
  for (const cfnType of wanted) {
    const spec = byType.get(cfnType);
    if (!spec) fail(`${cfnType} is not in ${PACKAGE} ${version}`);
    const named = new Map();  // property type name -> $id, within this resource
    const pending = [];
    const encode = (t) => {
      switch (t.type) {
        case 'string': case 'integer': case 'number': case 'boolean': case 'json': case 'tag':
          return t.type;
        case 'date-time':
          return 'timestamp';
        case 'array':
          return `list<${encode(t.element)}>`;
        case 'map':
          return `map<${encode(t.element)}>`;
        case 'union':
          return [...new Set(t.types.map(encode))].join('|');
        case 'ref': {
          const def = typeDefs.get(t.reference.$ref);
          if (!def) fail(`${cfnType}: unresolved property type ${t.reference.$ref}`);
          if (PRIMITIVES.has(def.name) || !/^[A-Za-z][A-Za-z0-9]*$/.test(def.name)) {
            fail(`${cfnType}: property type name ${def.name} cannot be written`);
          }
          const seen = named.get(def.name);
          if (seen === undefined) {
            named.set(def.name, def.$id);
            pending.push(def);
          } else if (seen !== def.$id) {
            fail(`${cfnType}: two property types are named ${def.name}`);
          }
          return def.name;
        }
        default:
          return fail(`${cfnType}: unknown value type ${JSON.stringify(t)}`);
      }
    };
    // A property's current type, and the types it had before (CloudFormation keeps
    // accepting those), as one alternative list.
    const propertyType = (p) => {
      const alts = [p.type, ...(p.previousTypes ?? [])].map(encode).flatMap((s) => s.split('|'));
      return [...new Set(alts)].join('|');
    };
    const shape = (properties) => {
      const names = Object.keys(properties ?? {}).sort();
      const props = {};
      for (const n of names) props[n] = propertyType(properties[n]);
      return { required: names.filter((n) => properties[n].required), properties: props };
    };
    resources[cfnType] = shape(spec.properties);
    while (pending.length) {
      const def = pending.shift();
      types[`${cfnType}.${def.name}`] = shape(def.properties);
    }
  }

  const line = (k, v) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`;
  const block = (obj) => Object.keys(obj).sort().map((k) => line(k, obj[k])).join(',\n');
  const text = `{
  "source": ${JSON.stringify(`npm ${PACKAGE} ${version} (db.json.gz), the CloudFormation resource specification; written by scripts/gen-cfn-resources.mjs`)},
  "package": ${JSON.stringify(PACKAGE)},
  "version": ${JSON.stringify(version)},
  "resources": {
${block(resources)}
  },
  "types": {
${block(types)}
  }
}
`;
  fs.writeFileSync(out, text);
  process.stderr.write(`gen-cfn-resources: ${Object.keys(resources).length} resource types, ${Object.keys(types).length} property types from ${PACKAGE} ${version} -> ${out.startsWith(root + path.sep) ? path.relative(root, out) : out}\n`);
}

main();
