// Validates every object of deploy/ against the Kubernetes OpenAPI schemas (kubernetes-models, and
// @kubernetes-models/prometheus-operator for the ServiceMonitor), then checks what a schema cannot: that the
// objects agree with each other and with the proxy's config (selectors, ports, probes, mounted files).
// Run: cd deploy/validate && npm ci && node --test   (scripts/test does this).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..");

function readYaml(file) {
  const docs = parseAllDocuments(readFileSync(join(deployDir, file), "utf8"));
  return docs.map((doc) => {
    assert.equal(doc.errors.length, 0, `${file}: ${doc.errors.join("; ")}`);
    return doc.toJS();
  });
}

const kustomization = readYaml("kustomization.yaml")[0];
const objects = kustomization.resources.flatMap((file) => readYaml(file).map((o) => ({ file, ...o })));
const find = (kind, name) => {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  assert.equal(found.length, 1, `expected one ${kind} ${name ?? ""}, found ${found.length}`);
  return found[0];
};

// The model class of apiVersion/kind: core (v1) and the named groups of kubernetes-models, CRDs of
// prometheus-operator.
async function modelOf(apiVersion, kind) {
  const module = apiVersion.startsWith("monitoring.coreos.com/")
    ? `@kubernetes-models/prometheus-operator/${apiVersion}`
    : `kubernetes-models/${apiVersion}`;
  const model = (await import(module))[kind];
  assert.ok(model, `no schema for ${apiVersion} ${kind}`);
  return model;
}

async function validate(object) {
  const { file, ...resource } = object;
  const Model = await modelOf(resource.apiVersion, resource.kind);
  new Model(resource).validate();
}

test("every object of every file kustomization.yaml lists is valid against its Kubernetes schema", async () => {
  assert.ok(objects.length >= 10, `only ${objects.length} objects`);
  for (const object of objects) {
    await assert.doesNotReject(validate(object), `${object.file}: ${object.kind} ${object.metadata?.name}`);
  }
});

test("the validator rejects an object that breaks its schema", async () => {
  const deployment = structuredClone(find("Deployment"));
  deployment.spec.template.spec.containers[0].ports[0].containerPort = "eighteen";
  await assert.rejects(validate(deployment), /containerPort must be integer/);
  const hpa = structuredClone(find("HorizontalPodAutoscaler"));
  delete hpa.spec.maxReplicas;
  await assert.rejects(validate(hpa), /maxReplicas/);
});

test("every file in deploy/ is listed by kustomization.yaml", async () => {
  const { readdirSync } = await import("node:fs");
  const files = readdirSync(deployDir).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml");
  assert.deepEqual([...files].sort(), [...kustomization.resources].sort());
});

const deployment = find("Deployment", "delta-s3-proxy");
const pod = deployment.spec.template;
const container = pod.spec.containers[0];
const config = JSON.parse(find("ConfigMap").data["config.json"]);
const portNamed = (name) => container.ports.find((p) => p.name === name);

test("the selectors of the Services, the PDB and the NetworkPolicy select the Deployment's pods", () => {
  const labels = pod.metadata.labels;
  const selects = (selector) => Object.entries(selector).every(([k, v]) => labels[k] === v);
  assert.ok(selects(deployment.spec.selector.matchLabels));
  for (const service of objects.filter((o) => o.kind === "Service")) {
    assert.ok(selects(service.spec.selector), service.metadata.name);
    for (const port of service.spec.ports) assert.ok(portNamed(port.targetPort), `${service.metadata.name}: ${port.targetPort}`);
  }
  assert.ok(selects(find("PodDisruptionBudget").spec.selector.matchLabels));
  assert.ok(selects(find("NetworkPolicy").spec.podSelector.matchLabels));
  const hpa = find("HorizontalPodAutoscaler");
  assert.equal(hpa.spec.scaleTargetRef.kind, "Deployment");
  assert.equal(hpa.spec.scaleTargetRef.name, deployment.metadata.name);
  assert.equal(hpa.spec.metrics[0].resource.name, "cpu");
  assert.ok(hpa.spec.minReplicas >= 2 && hpa.spec.minReplicas <= deployment.spec.replicas);
});

test("the container ports are the config's ports, and the probes hit /readyz and /healthz on the metrics port", () => {
  assert.equal(portNamed("s3").containerPort, config.port);
  assert.equal(portNamed("metrics").containerPort, config.metricsPort);
  assert.equal(config.metricsBindAddress, "0.0.0.0", "the kubelet probes the pod IP, not its loopback");
  assert.equal(config.bindAddress, "0.0.0.0");
  assert.deepEqual([container.readinessProbe.httpGet.path, container.readinessProbe.httpGet.port], ["/readyz", "metrics"]);
  assert.deepEqual([container.livenessProbe.httpGet.path, container.livenessProbe.httpGet.port], ["/healthz", "metrics"]);
  assert.equal(pod.metadata.annotations["prometheus.io/port"], String(config.metricsPort));
  assert.equal(find("ServiceMonitor").spec.endpoints[0].port, "metrics");
});

test("the metrics port is reachable only from the monitoring namespace; the Service does not publish it", () => {
  const rules = find("NetworkPolicy").spec.ingress;
  for (const rule of rules) {
    const ports = rule.ports.map((p) => p.port);
    if (ports.includes("metrics")) {
      assert.ok(rule.from?.length > 0, "a metrics rule needs a from");
      assert.ok(rule.from.every((peer) => !peer.ipBlock), "no ipBlock peers for metrics");
    }
  }
  assert.ok(rules.some((r) => r.ports.some((p) => p.port === "metrics")));
  const published = find("Service", "delta-s3-proxy").spec.ports.map((p) => p.targetPort);
  assert.deepEqual(published, ["s3"]);
});

test("the pod runs non-root on a read-only root file system without capabilities, with requests and a memory limit", () => {
  assert.equal(pod.spec.securityContext.runAsNonRoot, true);
  assert.equal(pod.spec.securityContext.runAsUser, 65532);
  assert.equal(container.securityContext.readOnlyRootFilesystem, true);
  assert.equal(container.securityContext.allowPrivilegeEscalation, false);
  assert.deepEqual(container.securityContext.capabilities.drop, ["ALL"]);
  assert.ok(container.resources.requests.cpu && container.resources.requests.memory);
  assert.equal(container.resources.limits.memory, container.resources.requests.memory);
  assert.ok(container.volumeMounts.some((m) => m.mountPath === "/tmp"), "the JVM needs a writable /tmp");
});

test("every file the config names is in a mounted volume, and every Secret a pod uses is declared", () => {
  const paths = [config.database.passwordFile, config.database.secretsKeyFile, config.listingTokenKeysFile,
    config.tls.certificate, config.tls.privateKey].filter(Boolean);
  assert.ok(paths.length >= 4);
  for (const path of paths) {
    const mount = container.volumeMounts.find((m) => path.startsWith(m.mountPath + "/"));
    assert.ok(mount, `${path} is in no mounted volume`);
    const volume = pod.spec.volumes.find((v) => v.name === mount.name);
    const fileName = path.slice(mount.mountPath.length + 1);
    const secret = find("Secret", volume.secret.secretName);
    const keys = volume.secret.items ? volume.secret.items.map((i) => i.path) : Object.keys(secret.stringData);
    assert.ok(keys.includes(fileName), `${path}: no key ${fileName} in Secret ${secret.metadata.name}`);
  }
  for (const env of container.env.filter((e) => e.valueFrom?.secretKeyRef)) {
    const ref = env.valueFrom.secretKeyRef;
    assert.ok(ref.key in find("Secret", ref.name).stringData, `${env.name}: ${ref.name}/${ref.key}`);
  }
  const keys = (value) => (value && typeof value === "object"
    ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : []);
  const inline = keys(config).filter((k) => /^(password|secretKey|secretsKey|keystorePassword|listingTokenKeys)$/.test(k));
  assert.deepEqual(inline, [], "secrets come from files, never from config.json");
});

test("the grace period covers the preStop pause and the proxy's shutdownGraceSeconds", () => {
  const pause = container.lifecycle.preStop.sleep.seconds;
  assert.ok(pod.spec.terminationGracePeriodSeconds > pause + config.shutdownGraceSeconds);
});
