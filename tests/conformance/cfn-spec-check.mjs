#!/usr/bin/env node
// Checks CloudFormation templates (YAML or JSON) against the CloudFormation resource
// specification shipped in the npm package @aws-cdk/aws-service-spec (db.json.gz, read
// offline). For every resource: the type exists; every property name exists (nested
// property types, tags, lists and maps too); required properties are present; a value
// has the right shape (a list where a list is expected, an object where a property type
// is expected, an integer or boolean where one is expected). Across the template:
// Ref / !GetAtt / !Sub / DependsOn targets exist, !GetAtt names a real attribute,
// conditions and mappings that are used are defined, DeletionPolicy and
// UpdateReplacePolicy values are valid, Outputs have a Value.
//
// Usage: node cfn-spec-check.mjs [--quiet] TEMPLATE_OR_DIR...
// Prints one line per finding: PATH:LINE: error: [CODE] Resources.ID (Type): message
// Exit: 0 no findings, 1 findings, 2 usage error or unreadable/unparsable template.
//
// Template anatomy and intrinsic functions:
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
//   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------
// YAML with CloudFormation's short-form tags. Each tag may be written on a scalar, a
// sequence or a mapping; all become their long (JSON) form.
const FN_TAGS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select',
  'Split', 'Sub', 'Transform', 'If', 'Equals', 'Not', 'And', 'Or', 'Length', 'ToJsonString'];

function longForm(tag, data) {
  if (tag === 'Ref') return { Ref: data };
  if (tag === 'Condition') return { Condition: data };
  if (tag === 'GetAtt') {
    if (typeof data === 'string') {
      const dot = data.indexOf('.');
      return { 'Fn::GetAtt': dot < 0 ? [data] : [data.slice(0, dot), data.slice(dot + 1)] };
    }
    return { 'Fn::GetAtt': data };
  }
  return { [`Fn::${tag}`]: data };
}

const cfnTypes = [];
for (const tag of ['Ref', 'Condition', 'GetAtt', ...FN_TAGS]) {
  for (const kind of ['scalar', 'sequence', 'mapping']) {
    cfnTypes.push(new yaml.Type(`!${tag}`, {
      kind,
      construct: (data) => longForm(tag, data),
    }));
  }
}
export const CFN_SCHEMA = yaml.DEFAULT_SCHEMA.extend(cfnTypes);

// ---------------------------------------------------------------------------------------
// The specification.
function loadSpec() {
  const pkgJson = require.resolve('@aws-cdk/aws-service-spec/package.json');
  const dbPath = path.join(path.dirname(pkgJson), 'db.json.gz');
  const db = JSON.parse(zlib.gunzipSync(fs.readFileSync(dbPath)).toString('utf-8'));
  const resources = new Map();
  for (const r of db.schema.resource.entities) resources.set(r.cloudFormationType, r);
  const typeDefs = new Map();
  for (const t of db.schema.typeDefinition.entities) typeDefs.set(t.$id, t);
  const version = JSON.parse(fs.readFileSync(pkgJson, 'utf-8')).version;
  return { resources, typeDefs, version };
}

const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue',
  'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const TOP_LEVEL = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters',
  'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs']);
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy',
  'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy']);
const DELETION_POLICIES = new Set(['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate']);
const UPDATE_REPLACE_POLICIES = new Set(['Delete', 'Retain', 'Snapshot']);
const OUTPUT_KEYS = new Set(['Description', 'Value', 'Export', 'Condition']);
const PARAMETER_KEYS = new Set(['Type', 'Default', 'AllowedPattern', 'AllowedValues',
  'ConstraintDescription', 'Description', 'MaxLength', 'MaxValue', 'MinLength', 'MinValue',
  'NoEcho']);
const PARAMETER_TYPE = /^(String|Number|List<Number>|CommaDelimitedList|AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+|List<AWS::[A-Za-z0-9]+::[A-Za-z0-9]+::[A-Za-z0-9]+>|AWS::SSM::Parameter::(Name|Value<[A-Za-z0-9:<>]+>))$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function intrinsicName(v) {
  if (!isObject(v)) return null;
  const keys = Object.keys(v);
  if (keys.length !== 1) return null;
  const k = keys[0];
  if (k === 'Ref' || k === 'Condition' || k.startsWith('Fn::')) return k;
  return null;
}

// ---------------------------------------------------------------------------------------
class TemplateChecker {
  constructor(spec, file, text, doc) {
    this.spec = spec;
    this.file = file;
    this.lines = text.split('\n');
    this.doc = doc;
    this.findings = [];
    this.propertiesChecked = 0;
  }

  // Line of the first "KEY:" (or "KEY" in JSON) at or after line `from` (1-based), or `from`.
  lineOfKey(key, from = 1) {
    const esc = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^\\s*(-\\s+)?["']?${esc}["']?\\s*:`);
    for (let i = Math.max(0, from - 1); i < this.lines.length; i++) {
      if (re.test(this.lines[i])) return i + 1;
    }
    return from;
  }

  report(code, where, line, message) {
    this.findings.push({ file: this.file, line, code, where, message });
  }

  run() {
    const doc = this.doc;
    if (!isObject(doc)) {
      this.report('CFN-NOT-A-TEMPLATE', '(template)', 1, 'the document is not a mapping');
      return;
    }
    for (const k of Object.keys(doc)) {
      if (!TOP_LEVEL.has(k)) {
        this.report('CFN-UNKNOWN-SECTION', k, this.lineOfKey(k), `unknown top-level section "${k}"`);
      }
    }
    if (!isObject(doc.Resources) || Object.keys(doc.Resources).length === 0) {
      this.report('CFN-NO-RESOURCES', 'Resources', 1, 'a template needs at least one resource');
    }
    this.parameters = isObject(doc.Parameters) ? doc.Parameters : {};
    this.resources = isObject(doc.Resources) ? doc.Resources : {};
    this.conditions = isObject(doc.Conditions) ? doc.Conditions : {};
    this.mappings = isObject(doc.Mappings) ? doc.Mappings : {};

    this.checkParameters();
    const resourcesLine = this.lineOfKey('Resources');
    for (const [id, res] of Object.entries(this.resources)) {
      this.checkResource(id, res, this.lineOfKey(id, resourcesLine));
    }
    for (const [name, cond] of Object.entries(this.conditions)) {
      this.checkIntrinsics(cond, `Conditions.${name}`, this.lineOfKey(name, this.lineOfKey('Conditions')));
    }
    this.checkOutputs();
  }

  checkParameters() {
    const start = this.lineOfKey('Parameters');
    for (const [name, p] of Object.entries(this.parameters)) {
      const line = this.lineOfKey(name, start);
      const where = `Parameters.${name}`;
      if (this.resources[name] !== undefined) {
        this.report('CFN-DUPLICATE-ID', where, line, `"${name}" is both a parameter and a resource`);
      }
      if (!isObject(p)) { this.report('CFN-BAD-PARAMETER', where, line, 'a parameter must be a mapping'); continue; }
      for (const k of Object.keys(p)) {
        if (!PARAMETER_KEYS.has(k)) this.report('CFN-BAD-PARAMETER', where, line, `unknown parameter attribute "${k}"`);
      }
      if (typeof p.Type !== 'string' || !PARAMETER_TYPE.test(p.Type)) {
        this.report('CFN-BAD-PARAMETER', where, line, `parameter Type "${p.Type}" is not a CloudFormation parameter type`);
      }
    }
  }

  checkOutputs() {
    if (!isObject(this.doc.Outputs)) return;
    const start = this.lineOfKey('Outputs');
    for (const [name, out] of Object.entries(this.doc.Outputs)) {
      const line = this.lineOfKey(name, start);
      const where = `Outputs.${name}`;
      if (!isObject(out)) { this.report('CFN-BAD-OUTPUT', where, line, 'an output must be a mapping'); continue; }
      for (const k of Object.keys(out)) {
        if (!OUTPUT_KEYS.has(k)) this.report('CFN-BAD-OUTPUT', where, line, `unknown output attribute "${k}"`);
      }
      if (out.Value === undefined || out.Value === null) this.report('CFN-BAD-OUTPUT', where, line, 'an output needs a Value');
      if (out.Export !== undefined && !(isObject(out.Export) && out.Export.Name !== undefined)) {
        this.report('CFN-BAD-OUTPUT', where, line, 'Export needs a Name');
      }
      if (out.Condition !== undefined) this.checkConditionName(out.Condition, where, line);
      this.checkIntrinsics(out.Value, where, line);
      if (isObject(out.Export)) this.checkIntrinsics(out.Export.Name, where, line);
    }
  }

  checkConditionName(name, where, line) {
    if (typeof name !== 'string' || this.conditions[name] === undefined) {
      this.report('CFN-UNKNOWN-CONDITION', where, line, `condition "${name}" is not defined in Conditions`);
    }
  }

  checkResource(id, res, line) {
    const where = `Resources.${id}`;
    if (!isObject(res)) { this.report('CFN-BAD-RESOURCE', where, line, 'a resource must be a mapping'); return; }
    if (!/^[A-Za-z0-9]+$/.test(id)) {
      this.report('CFN-BAD-LOGICAL-ID', where, line, 'logical IDs are alphanumeric (A-Za-z0-9)');
    }
    for (const k of Object.keys(res)) {
      if (!RESOURCE_KEYS.has(k)) this.report('CFN-BAD-RESOURCE', where, this.lineOfKey(k, line), `unknown resource attribute "${k}"`);
    }
    const type = res.Type;
    const at = `${where} (${type})`;
    if (typeof type !== 'string') { this.report('CFN-BAD-RESOURCE', where, line, 'the resource has no Type'); return; }
    if (res.DeletionPolicy !== undefined && !DELETION_POLICIES.has(res.DeletionPolicy)) {
      this.report('CFN-BAD-POLICY', at, this.lineOfKey('DeletionPolicy', line), `DeletionPolicy "${res.DeletionPolicy}" is not one of ${[...DELETION_POLICIES].join(', ')}`);
    }
    if (res.UpdateReplacePolicy !== undefined && !UPDATE_REPLACE_POLICIES.has(res.UpdateReplacePolicy)) {
      this.report('CFN-BAD-POLICY', at, this.lineOfKey('UpdateReplacePolicy', line), `UpdateReplacePolicy "${res.UpdateReplacePolicy}" is not one of ${[...UPDATE_REPLACE_POLICIES].join(', ')}`);
    }
    if (res.Condition !== undefined) this.checkConditionName(res.Condition, at, line);
    if (res.DependsOn !== undefined) {
      for (const dep of Array.isArray(res.DependsOn) ? res.DependsOn : [res.DependsOn]) {
        if (this.resources[dep] === undefined) this.report('CFN-UNKNOWN-REF', at, this.lineOfKey('DependsOn', line), `DependsOn names "${dep}", which is not a resource`);
      }
    }
    const props = res.Properties === undefined ? {} : res.Properties;
    if (!isObject(props)) { this.report('CFN-BAD-RESOURCE', at, line, 'Properties must be a mapping'); return; }
    this.checkIntrinsics(props, at, line);

    if (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource') return;
    const spec = this.spec.resources.get(type);
    if (!spec) {
      this.report('CFN-UNKNOWN-TYPE', at, this.lineOfKey('Type', line), `resource type "${type}" is not in the CloudFormation resource specification`);
      return;
    }
    const propsLine = this.lineOfKey('Properties', line);
    this.checkObject(props, spec.properties, at, 'Properties', propsLine);
  }

  // Checks an object's keys against a property map {Name: {type, required}}.
  checkObject(obj, properties, at, ppath, line) {
    for (const [name, value] of Object.entries(obj)) {
      const pline = this.lineOfKey(name, line);
      const prop = properties[name];
      this.propertiesChecked++;
      if (!prop) {
        const near = closest(name, Object.keys(properties));
        this.report('CFN-UNKNOWN-PROPERTY', at, pline, `unknown property ${ppath}.${name}${near ? ` (did you mean ${near}?)` : ''}`);
        continue;
      }
      this.checkValue(value, prop.type, at, `${ppath}.${name}`, pline);
    }
    for (const [name, prop] of Object.entries(properties)) {
      if (prop.required && (obj[name] === undefined || obj[name] === null)) {
        this.report('CFN-MISSING-REQUIRED', at, line, `required property ${ppath}.${name} is missing`);
      }
    }
  }

  checkValue(value, type, at, ppath, line) {
    const fn = intrinsicName(value);
    if (fn === 'Fn::If' && Array.isArray(value[fn]) && value[fn].length === 3) {
      for (const branch of value[fn].slice(1)) {
        if (!(isObject(branch) && branch.Ref === 'AWS::NoValue')) this.checkValue(branch, type, at, ppath, line);
      }
      return;
    }
    if (fn) return; // a value computed at deploy time: its shape is CloudFormation's to check
    switch (type.type) {
      case 'json':
        return;
      case 'string':
        if (isObject(value) || Array.isArray(value)) this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a string`);
        return;
      case 'integer':
        if (!(Number.isInteger(value) || (typeof value === 'string' && /^-?\d+$/.test(value)))) {
          this.report('CFN-BAD-VALUE', at, line, `${ppath} expects an integer, got ${JSON.stringify(value)}`);
        }
        return;
      case 'number':
        if (!(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))))) {
          this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a number, got ${JSON.stringify(value)}`);
        }
        return;
      case 'boolean':
        if (!(typeof value === 'boolean' || value === 'true' || value === 'false')) {
          this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a boolean, got ${JSON.stringify(value)}`);
        }
        return;
      case 'date-time':
        if (isObject(value) || Array.isArray(value)) this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a timestamp`);
        return;
      case 'array':
        if (!Array.isArray(value)) { this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a list`); return; }
        value.forEach((v, i) => this.checkValue(v, type.element, at, `${ppath}[${i}]`, line));
        return;
      case 'map':
        if (!isObject(value)) { this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a mapping`); return; }
        for (const [k, v] of Object.entries(value)) this.checkValue(v, type.element, at, `${ppath}.${k}`, line);
        return;
      case 'tag':
        if (!isObject(value)) { this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a {Key, Value} tag`); return; }
        this.checkObject(value, TAG_PROPERTIES, at, ppath, line);
        return;
      case 'ref': {
        const def = this.spec.typeDefs.get(type.reference.$ref);
        if (!def) return;
        if (!isObject(value)) { this.report('CFN-BAD-VALUE', at, line, `${ppath} expects a mapping (${def.name})`); return; }
        this.checkObject(value, def.properties, at, ppath, line);
        return;
      }
      case 'union': {
        // Accept the value if any alternative accepts it; otherwise report the closest one.
        let best = null;
        for (const alt of type.types) {
          const saved = this.findings;
          this.findings = [];
          this.checkValue(value, alt, at, ppath, line);
          const got = this.findings;
          this.findings = saved;
          if (got.length === 0) return;
          if (!best || got.length < best.length) best = got;
        }
        this.findings.push(...(best ?? []));
        return;
      }
      default:
        return;
    }
  }

  // Ref, Fn::GetAtt, Fn::Sub, Fn::If, Condition and Fn::FindInMap targets anywhere in `node`.
  checkIntrinsics(node, at, line) {
    if (Array.isArray(node)) { node.forEach((n) => this.checkIntrinsics(n, at, line)); return; }
    if (!isObject(node)) return;
    const fn = intrinsicName(node);
    const arg = fn ? node[fn] : undefined;
    if (fn === 'Ref') {
      if (typeof arg !== 'string' || !(PSEUDO.has(arg) || this.parameters[arg] !== undefined || this.resources[arg] !== undefined)) {
        this.report('CFN-UNKNOWN-REF', at, this.refLine(arg, line), `Ref to "${arg}", which is neither a parameter, a resource nor a pseudo parameter`);
      }
      return;
    }
    if (fn === 'Fn::GetAtt') {
      this.checkGetAtt(arg, at, line);
      return;
    }
    if (fn === 'Condition') { this.checkConditionName(arg, at, line); return; }
    if (fn === 'Fn::If') {
      if (!Array.isArray(arg) || arg.length !== 3) { this.report('CFN-BAD-INTRINSIC', at, line, 'Fn::If takes [condition, value_if_true, value_if_false]'); return; }
      this.checkConditionName(arg[0], at, line);
      this.checkIntrinsics(arg.slice(1), at, line);
      return;
    }
    if (fn === 'Fn::FindInMap') {
      if (Array.isArray(arg) && typeof arg[0] === 'string' && this.mappings[arg[0]] === undefined) {
        this.report('CFN-UNKNOWN-MAPPING', at, line, `Fn::FindInMap names mapping "${arg[0]}", which is not in Mappings`);
      }
      this.checkIntrinsics(arg, at, line);
      return;
    }
    if (fn === 'Fn::Sub') {
      let text = arg;
      let vars = {};
      if (Array.isArray(arg)) {
        [text, vars] = arg;
        if (!isObject(vars)) vars = {};
        this.checkIntrinsics(Object.values(vars), at, line);
      }
      if (typeof text !== 'string') { this.report('CFN-BAD-INTRINSIC', at, line, 'Fn::Sub needs a string'); return; }
      for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) {
        const name = m[1].trim();
        if (vars[name] !== undefined || PSEUDO.has(name) || this.parameters[name] !== undefined || this.resources[name] !== undefined) continue;
        const dot = name.indexOf('.');
        if (dot > 0 && this.resources[name.slice(0, dot)] !== undefined) {
          this.checkGetAtt([name.slice(0, dot), name.slice(dot + 1)], at, line);
          continue;
        }
        this.report('CFN-UNKNOWN-REF', at, this.refLine(name, line), `Fn::Sub refers to \${${name}}, which is neither a parameter, a resource, a pseudo parameter nor a Sub variable`);
      }
      return;
    }
    for (const v of Object.values(node)) this.checkIntrinsics(v, at, line);
  }

  checkGetAtt(arg, at, line) {
    if (!Array.isArray(arg) || arg.length !== 2) { this.report('CFN-BAD-INTRINSIC', at, line, `Fn::GetAtt takes [LogicalId, Attribute], got ${JSON.stringify(arg)}`); return; }
    const [id, attr] = arg;
    const res = this.resources[id];
    if (res === undefined) { this.report('CFN-UNKNOWN-REF', at, this.refLine(id, line), `GetAtt on "${id}", which is not a resource`); return; }
    if (typeof attr !== 'string' || !isObject(res) || typeof res.Type !== 'string') return;
    if (res.Type.startsWith('Custom::') || res.Type === 'AWS::CloudFormation::CustomResource') return;
    if (res.Type === 'AWS::CloudFormation::Stack' && attr.startsWith('Outputs.')) return;
    const spec = this.spec.resources.get(res.Type);
    if (spec && !(attr in (spec.attributes ?? {}))) {
      const near = closest(attr, Object.keys(spec.attributes ?? {}));
      this.report('CFN-UNKNOWN-ATTRIBUTE', at, this.refLine(`${id}.${attr}`, line), `${res.Type} has no attribute "${attr}"${near ? ` (did you mean ${near}?)` : ''}`);
    }
  }

  // Best line for a reference: the first line at or after `from` that mentions it.
  refLine(name, from) {
    if (typeof name !== 'string') return from;
    for (let i = Math.max(0, from - 1); i < this.lines.length; i++) {
      if (this.lines[i].includes(name)) return i + 1;
    }
    return from;
  }
}

const TAG_PROPERTIES = {
  Key: { type: { type: 'string' }, required: true },
  Value: { type: { type: 'string' }, required: true },
};

// The known name closest to `name` by edit distance, if it is close enough to be a typo.
function closest(name, candidates) {
  let best = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(2, Math.floor(name.length / 4)) ? best : null;
}

function editDistance(a, b) {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

function listTemplates(args) {
  const out = [];
  for (const a of args) {
    const st = fs.statSync(a, { throwIfNoEntry: false });
    if (!st) throw new Error(`${a}: no such file or directory`);
    if (st.isDirectory()) {
      for (const f of fs.readdirSync(a).sort()) {
        if (/\.(ya?ml|json|template)$/.test(f)) out.push(path.join(a, f));
      }
    } else {
      out.push(a);
    }
  }
  return out;
}

function main(argv) {
  const quiet = argv.includes('--quiet');
  const args = argv.filter((a) => a !== '--quiet');
  if (args.length === 0 || args.includes('-h') || args.includes('--help')) {
    process.stderr.write('usage: cfn-spec-check.mjs [--quiet] TEMPLATE_OR_DIR...\n');
    return 2;
  }
  let files;
  try { files = listTemplates(args); } catch (e) { process.stderr.write(`cfn-spec-check: ${e.message}\n`); return 2; }
  if (files.length === 0) { process.stderr.write('cfn-spec-check: no templates found\n'); return 2; }
  const spec = loadSpec();
  let findings = 0;
  let resources = 0;
  let properties = 0;
  let unreadable = 0;
  for (const file of files) {
    let text;
    let doc;
    try {
      text = fs.readFileSync(file, 'utf-8');
      doc = file.endsWith('.json') ? JSON.parse(text) : yaml.load(text, { schema: CFN_SCHEMA, filename: file });
    } catch (e) {
      process.stdout.write(`${file}:${(e.mark?.line ?? 0) + 1}: error: [CFN-PARSE] ${e.reason ?? e.message}\n`);
      unreadable++;
      continue;
    }
    const checker = new TemplateChecker(spec, file, text, doc);
    checker.run();
    resources += isObject(doc?.Resources) ? Object.keys(doc.Resources).length : 0;
    properties += checker.propertiesChecked;
    for (const f of checker.findings) {
      process.stdout.write(`${f.file}:${f.line}: error: [${f.code}] ${f.where}: ${f.message}\n`);
    }
    findings += checker.findings.length;
    if (!quiet && files.length > 1) {
      const n = isObject(doc?.Resources) ? Object.keys(doc.Resources).length : 0;
      process.stderr.write(`cfn-spec-check: ${file}: ${n} resource(s), ${checker.propertiesChecked} property value(s), ${checker.findings.length} finding(s)\n`);
    }
  }
  if (!quiet) {
    process.stderr.write(`cfn-spec-check: ${files.length} template(s), ${resources} resource(s), ${properties} property value(s) checked against @aws-cdk/aws-service-spec ${spec.version}: ${findings} finding(s)${unreadable ? `, ${unreadable} unparsable` : ''}\n`);
  }
  if (unreadable) return 2;
  return findings ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
