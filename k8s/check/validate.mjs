// Offline validation of rendered Helm manifests (no cluster).
//
//   node k8s/check/validate.mjs [--quarkus REPO_ROOT] rendered1.yaml [rendered2.yaml ...]
//
// Every document is checked three ways:
//  1. Schema: the JSON-schema validators of npm kubernetes-models (Kubernetes API) and
//     @kubernetes-models/prometheus-operator (ServiceMonitor, PrometheusRule): types, required fields, enums.
//  2. Unknown fields: each document becomes a typed constant in a generated TypeScript file and `tsc` runs
//     over it, so a misspelt or misplaced field (excess property) fails too; the JSON schemas allow them.
//     Strimzi's KafkaTopic has no published model package: its spec is typed in kafkatopic.d.ts here.
//  3. Consistency: names are valid DNS names, label values are valid, every Service/PDB/HPA/NetworkPolicy
//     points at a Deployment of the same render, every envFrom/secretKeyRef/volume ConfigMap of the render
//     exists; with --quarkus, the container port and probe paths equal those that quarkus-kubernetes
//     generated from each service's application.properties (<service>/target/kubernetes/kubernetes.yml).
// Prints one line per file and exits non-zero on any error.

import { readFileSync, writeFileSync, mkdtempSync, existsSync, rmSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let quarkusRoot = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--quarkus') quarkusRoot = args[++i];
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: validate.mjs [--quarkus REPO_ROOT] rendered.yaml...');
  process.exit(2);
}

const errors = [];
let quarkusCompared = 0;
const fail = (where, msg) => errors.push(`${where}: ${msg}`);

// apiVersion -> module exporting the model classes and their I<Kind> interfaces.
function modelModule(apiVersion) {
  if (apiVersion.startsWith('monitoring.coreos.com/')) return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  if (!apiVersion.includes('/')) return `kubernetes-models/${apiVersion}`;
  return `kubernetes-models/${apiVersion}`;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
// Kinds whose names become DNS labels (at most 63 characters).
const LABEL_NAMED = new Set(['Service', 'Deployment']);

function checkMeta(where, doc) {
  const name = doc.metadata?.name;
  if (!name) return fail(where, 'metadata.name missing');
  const labelNamed = LABEL_NAMED.has(doc.kind);
  if (labelNamed ? !(DNS_LABEL.test(name) && name.length <= 63) : !(DNS_SUBDOMAIN.test(name) && name.length <= 253)) {
    fail(where, `invalid name "${name}"`);
  }
  for (const [k, v] of Object.entries(doc.metadata.labels ?? {})) {
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) fail(where, `invalid value of label ${k}: ${JSON.stringify(v)}`);
  }
  for (const [k, v] of Object.entries(doc.metadata.annotations ?? {})) {
    if (typeof v !== 'string') fail(where, `annotation ${k} is not a string`);
  }
}

function checkKafkaTopic(where, doc) {
  const s = doc.spec ?? {};
  if (!doc.metadata?.labels?.['strimzi.io/cluster']) fail(where, 'label strimzi.io/cluster missing');
  if (s.partitions !== undefined && !(Number.isInteger(s.partitions) && s.partitions >= 1)) fail(where, 'spec.partitions must be an integer >= 1');
  if (s.replicas !== undefined && !(Number.isInteger(s.replicas) && s.replicas >= 1 && s.replicas <= 32767)) fail(where, 'spec.replicas must be 1..32767');
  if (s.topicName !== undefined && !/^[a-zA-Z0-9._-]{1,249}$/.test(s.topicName)) fail(where, `invalid topicName ${s.topicName}`);
}

const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);

async function main() {
  // Inside k8s/check so that the generated file resolves the model packages from node_modules here.
  const tsDir = mkdtempSync(join(here, '.validate-'));
  const tsLines = [];
  const imports = new Map();
  let n = 0;
  const perFile = [];

  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(file, 'utf8'))
      .map((d) => {
        if (d.errors.length) fail(file, `YAML: ${d.errors[0].message}`);
        return d.toJS();
      })
      .filter((d) => d && typeof d === 'object');
    const kinds = {};
    for (const doc of docs) {
      const where = `${basename(file)} ${doc.kind}/${doc.metadata?.name}`;
      kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
      checkMeta(where, doc);
      const id = `m${n++}`;
      if (doc.apiVersion?.startsWith('kafka.strimzi.io/')) {
        checkKafkaTopic(where, doc);
        imports.set('IKafkaTopic', './kafkatopic.js');
        tsLines.push(`// ${where}\nexport const ${id}: IKafkaTopic = ${JSON.stringify(doc, null, 1)};`);
        continue;
      }
      let mod;
      try {
        mod = await import(modelModule(doc.apiVersion));
      } catch (e) {
        fail(where, `no schema for ${doc.apiVersion}`);
        continue;
      }
      const Model = mod[doc.kind];
      if (!Model) {
        fail(where, `no schema for ${doc.apiVersion} ${doc.kind}`);
        continue;
      }
      try {
        new Model(doc).validate();
      } catch (e) {
        fail(where, `schema: ${e.message}`);
      }
      const alias = `I${doc.kind}_${doc.apiVersion.replace(/[^A-Za-z0-9]/g, '_')}`;
      imports.set(alias, `${modelModule(doc.apiVersion)}/${doc.kind}`);
      tsLines.push(`// ${where}\nexport const ${id}: ${alias} = ${JSON.stringify(doc, null, 1)};`);
    }
    crossCheck(file, docs);
    if (quarkusRoot) quarkusCheck(file, docs);
    perFile.push({ file, count: docs.length, kinds });
  }

  // 2. Unknown fields, through TypeScript's excess property checks.
  const head = [...imports].map(([alias, from]) => {
    const kind = from.split('/').pop();
    return from === './kafkatopic.js'
      ? `import type { IKafkaTopic } from './kafkatopic.js';`
      : `import type { I${kind} as ${alias} } from '${from}';`;
  });
  writeFileSync(join(tsDir, 'manifests.ts'), `${head.join('\n')}\n\n${tsLines.join('\n\n')}\n`);
  writeFileSync(join(tsDir, 'package.json'), '{"type": "module"}\n');
  writeFileSync(join(tsDir, 'kafkatopic.d.ts'), readFileSync(join(here, 'kafkatopic.d.ts')));
  writeFileSync(join(tsDir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
      skipLibCheck: true, types: [],
    },
    files: ['manifests.ts'],
  }));
  try {
    execFileSync(process.execPath, [join(here, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsDir], { stdio: 'pipe', cwd: here });
  } catch (e) {
    const out = `${e.stdout ?? ''}${e.stderr ?? ''}`.trim();
    // Map "manifests.ts(LINE,COL): error ..." back to the document named in the comment above it.
    const lines = readFileSync(join(tsDir, 'manifests.ts'), 'utf8').split('\n');
    for (const line of out.split('\n').filter((l) => l.includes('error TS'))) {
      const m = /manifests\.ts\((\d+),/.exec(line);
      let owner = '?';
      if (m) for (let i = Number(m[1]) - 1; i >= 0; i--) if (lines[i].startsWith('// ')) { owner = lines[i].slice(3); break; }
      fail(owner, `unknown or mistyped field: ${line.replace(/^.*error TS\d+: /, '')}`);
    }
    if (!out.includes('error TS')) fail('tsc', out || String(e));
  }
  if (!process.env.REFINERY_KEEP_TS) rmSync(tsDir, { recursive: true, force: true });
  else console.log(`TypeScript file kept in ${tsDir}`);

  for (const p of perFile) {
    const kinds = Object.entries(p.kinds).map(([k, c]) => `${c} ${k}`).join(', ');
    console.log(`${basename(p.file)}: ${p.count} manifests (${kinds})`);
  }
  const total = perFile.reduce((a, p) => a + p.count, 0);
  // In CI the build ran before: no generated manifest to compare with means quarkus-kubernetes stopped writing them.
  if (quarkusRoot && quarkusCompared === 0 && process.env.CI === 'true') fail('quarkus', 'no <service>/target/kubernetes/kubernetes.yml to compare with');
  if (errors.length) {
    for (const e of errors) console.error(`  ERROR ${e}`);
    console.error(`validate: ${total} manifests, ${errors.length} errors`);
    process.exit(1);
  }
  const q = quarkusRoot ? `; ${quarkusCompared} Deployments matched quarkus-kubernetes' generated port and probes` +
    (quarkusCompared ? '' : ' (none generated: build the services first)') : '';
  console.log(`validate: ${total} manifests valid (schema, unknown fields, references)${q}`);
}

// 3. References inside one render.
function crossCheck(file, docs) {
  const f = basename(file);
  const byKind = (k) => docs.filter((d) => d.kind === k);
  const deployments = byKind('Deployment');
  const configMaps = new Set(byKind('ConfigMap').map((d) => d.metadata.name));
  const secrets = new Set(byKind('Secret').map((d) => d.metadata.name));
  const podLabels = deployments.map((d) => d.spec.template.metadata.labels);
  for (const d of deployments) {
    const where = `${f} Deployment/${d.metadata.name}`;
    if (!matches(d.spec.selector.matchLabels, d.spec.template.metadata.labels)) fail(where, 'selector does not match its pod labels');
    for (const c of d.spec.template.spec.containers) {
      for (const ef of c.envFrom ?? []) {
        if (ef.configMapRef && !ef.configMapRef.optional && !configMaps.has(ef.configMapRef.name)) fail(where, `envFrom ConfigMap ${ef.configMapRef.name} not rendered`);
      }
      for (const e of c.env ?? []) {
        const ref = e.valueFrom?.secretKeyRef;
        // Secrets are either rendered here (secrets.create) or expected to exist already (existingSecret).
        if (ref && secrets.size > 0 && !secrets.has(ref.name)) fail(where, `Secret ${ref.name} not rendered although the chart creates Secrets`);
      }
      const mounts = new Set((c.volumeMounts ?? []).map((m) => m.name));
      for (const v of d.spec.template.spec.volumes ?? []) if (!mounts.has(v.name)) fail(where, `volume ${v.name} not mounted`);
      const sc = c.securityContext ?? {};
      if (sc.readOnlyRootFilesystem !== true) fail(where, 'root filesystem must be read-only');
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) fail(where, 'capabilities must drop ALL');
      if (sc.allowPrivilegeEscalation !== false) fail(where, 'allowPrivilegeEscalation must be false');
      if (!(c.volumeMounts ?? []).some((m) => m.mountPath === '/tmp')) fail(where, '/tmp must be a writable volume');
      for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe']) if (!c[p]) fail(where, `${p} missing`);
      if (!c.resources?.limits?.memory) fail(where, 'memory limit missing');
    }
    if (d.spec.template.spec.securityContext?.runAsNonRoot !== true) fail(where, 'pods must run as non-root');
  }
  for (const s of byKind('Service')) {
    if (!podLabels.some((l) => matches(s.spec.selector, l))) fail(`${f} Service/${s.metadata.name}`, 'selects no rendered pods');
  }
  for (const p of byKind('PodDisruptionBudget')) {
    if (!podLabels.some((l) => matches(p.spec.selector.matchLabels, l))) fail(`${f} PodDisruptionBudget/${p.metadata.name}`, 'selects no rendered pods');
  }
  for (const np of byKind('NetworkPolicy')) {
    if (!podLabels.some((l) => matches(np.spec.podSelector.matchLabels, l))) fail(`${f} NetworkPolicy/${np.metadata.name}`, 'selects no rendered pods');
  }
  for (const h of byKind('HorizontalPodAutoscaler')) {
    const t = h.spec.scaleTargetRef;
    if (!deployments.some((d) => d.metadata.name === t.name)) fail(`${f} HorizontalPodAutoscaler/${h.metadata.name}`, `scales missing Deployment ${t.name}`);
    if (h.spec.minReplicas > h.spec.maxReplicas) fail(`${f} HorizontalPodAutoscaler/${h.metadata.name}`, 'minReplicas > maxReplicas');
  }
  for (const cm of byKind('ConfigMap')) {
    for (const [k, v] of Object.entries(cm.data ?? {})) if (typeof v !== 'string') fail(`${f} ConfigMap/${cm.metadata.name}`, `data.${k} is not a string`);
  }
}

// The chart and quarkus-kubernetes' generated manifests must agree on what the application defines.
function quarkusCheck(file, docs) {
  for (const d of docs.filter((x) => x.kind === 'Deployment')) {
    const c = d.spec.template.spec.containers[0];
    const app = c.name;
    const generated = join(quarkusRoot, app, 'target', 'kubernetes', 'kubernetes.yml');
    if (!existsSync(generated)) continue;
    const q = parseAllDocuments(readFileSync(generated, 'utf8')).map((x) => x.toJS()).find((x) => x?.kind === 'Deployment');
    if (!q) continue;
    const qc = q.spec.template.spec.containers[0];
    quarkusCompared++;
    const where = `${basename(file)} Deployment/${d.metadata.name} vs ${app}/target/kubernetes/kubernetes.yml`;
    const port = c.ports.find((p) => p.name === 'http')?.containerPort;
    const qport = qc.ports.find((p) => p.name === 'http')?.containerPort;
    if (port !== qport) fail(where, `container port ${port} != generated ${qport} (quarkus.http.port)`);
    for (const p of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
      if (c[p]?.httpGet?.path !== qc[p]?.httpGet?.path) fail(where, `${p} path ${c[p]?.httpGet?.path} != generated ${qc[p]?.httpGet?.path}`);
    }
    if (d.metadata.labels['app.kubernetes.io/name'] !== q.metadata.labels['app.kubernetes.io/name']) fail(where, 'app.kubernetes.io/name differs');
  }
}

await main();
