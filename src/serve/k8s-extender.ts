/**
 * A Kubernetes scheduler extender over the live service: `POST /k8s/filter`,
 * `/k8s/prioritize` and `/k8s/bind` with the JSON shapes of kube-scheduler's
 * `k8s.io/kube-scheduler/extender/v1` types (Go field names, so PascalCase
 * keys: `ExtenderArgs{Pod, Nodes, NodeNames}`, `ExtenderFilterResult{Nodes,
 * NodeNames, FailedNodes, FailedAndUnresolvableNodes, Error}`,
 * `HostPriorityList [{Host, Score}]` with scores 0–10,
 * `ExtenderBindingArgs{PodName, PodNamespace, PodUID, Node}` →
 * `ExtenderBindingResult{Error}`). Both the `Nodes` (full node objects) and
 * the `NodeNames` (`nodeCacheCapable: true`) forms are answered in kind.
 *
 * The extender configuration of kube-scheduler carries no bearer token, so
 * these routes are served by their own fastify instance that `allot serve`
 * binds to 127.0.0.1 only (`--k8s-port`).
 *
 * - A pod's tenant: its label `allot.dev/tenant`, else its namespace.
 * - A pod's job: its annotation `allot.dev/job` (an Allot job id), optional.
 * - A node's accelerator type: its label `allot.dev/accelerator` (Nodes form),
 *   else the type it was registered with in Allot.
 * Filter keeps the nodes the pod's tenant holds in the round in force, on
 * which the job can run (its throughput there > 0) — and, when the job has a
 * placement this round, the nodes of that placement. Prioritize scores by
 * the tenant's utility for the node (`nodeUtility`, the level-1 value),
 * scaled to 0–10, 10 on the job's placement. Bind checks the node is held by
 * the pod's tenant, then posts a v1 `Binding` through @kubernetes/client-node.
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { CoreV1Api } from '@kubernetes/client-node';
import { typeSpeed } from '../model/training.js';
import { nodeUtility, type LiveNode, type RoundDecision } from '../two-level/round.js';
import { trainingJobOf, type AllotService } from './service.js';

/** Label naming a pod's tenant (else its namespace is the tenant). */
export const TENANT_LABEL = 'allot.dev/tenant';
/** Annotation naming a pod's Allot job id. */
export const JOB_ANNOTATION = 'allot.dev/job';
/** Label giving a node's accelerator type. */
export const ACCELERATOR_LABEL = 'allot.dev/accelerator';

interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface K8sPod {
  metadata?: ObjectMeta;
}
interface K8sNode {
  metadata?: ObjectMeta;
}
/** kube-scheduler's ExtenderArgs. */
export interface ExtenderArgs {
  Pod?: K8sPod;
  Nodes?: { items?: K8sNode[] } | null;
  NodeNames?: string[] | null;
}
/** kube-scheduler's ExtenderFilterResult. */
export interface ExtenderFilterResult {
  Nodes?: { items: K8sNode[] } | null;
  NodeNames?: string[] | null;
  FailedNodes: Record<string, string>;
  FailedAndUnresolvableNodes?: Record<string, string>;
  Error: string;
}
/** kube-scheduler's HostPriority. */
export interface HostPriority {
  Host: string;
  Score: number;
}
/** kube-scheduler's ExtenderBindingArgs. */
export interface ExtenderBindingArgs {
  PodName?: string;
  PodNamespace?: string;
  PodUID?: string;
  Node?: string;
}

/** Options of the extender app. */
export interface ExtenderOptions {
  /** Kubernetes API (bind); without it bind answers an Error. */
  core?: CoreV1Api;
  logger?: FastifyServerOptions['logger'];
}

/** The tenant of a pod: label allot.dev/tenant, else its namespace ('' if neither). */
export function podTenant(pod: K8sPod | undefined): string {
  return pod?.metadata?.labels?.[TENANT_LABEL] ?? pod?.metadata?.namespace ?? '';
}

interface Candidate {
  name: string;
  node?: K8sNode;
}

function candidates(args: ExtenderArgs): { list: Candidate[]; form: 'Nodes' | 'NodeNames' } {
  if (args.Nodes && Array.isArray(args.Nodes.items)) return { list: args.Nodes.items.map((n) => ({ name: n.metadata?.name ?? '', node: n })), form: 'Nodes' };
  return { list: (Array.isArray(args.NodeNames) ? args.NodeNames : []).filter((n): n is string => typeof n === 'string').map((name) => ({ name })), form: 'NodeNames' };
}

/** What filter and prioritize decide from: the tenant, its runnable jobs, the pod's job and placement, the round in force. */
function context(svc: AllotService, pod: K8sPod | undefined) {
  const tenant = podTenant(pod);
  const cur: RoundDecision | undefined = svc.current();
  const jobId = pod?.metadata?.annotations?.[JOB_ANNOTATION];
  let job;
  try {
    job = jobId ? svc.job(jobId) : undefined;
  } catch {
    job = undefined;
  }
  const placement = job && cur ? cur.placements.find((p) => p.job === job.id) : undefined;
  const registry = new Map(svc.nodes().map((n) => [n.id, n]));
  const runnable = svc.jobs({ tenant }).filter((j) => j.status === 'queued' || j.status === 'running').map((j) => ({ job: trainingJobOf(j), carry: j.carry }));
  return { tenant, cur, job, placement, registry, runnable };
}

function liveNode(c: Candidate, registry: Map<string, LiveNode>): LiveNode | undefined {
  const reg = registry.get(c.name);
  if (!reg) return undefined;
  const label = c.node?.metadata?.labels?.[ACCELERATOR_LABEL];
  return label ? { ...reg, type: label } : reg;
}

/** Builds the extender app (routes under /k8s; not listening). */
export async function buildExtenderApp(svc: AllotService, options: ExtenderOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 << 20 });
  const body = (b: unknown): Record<string, unknown> => (b !== null && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {});

  app.post('/k8s/filter', async (req): Promise<ExtenderFilterResult> => {
    const args = body(req.body) as ExtenderArgs;
    const { list, form } = candidates(args);
    const { tenant, cur, job, placement, registry } = context(svc, args.Pod);
    const keep: Candidate[] = [];
    const failed: Record<string, string> = {};
    const placed = placement ? new Set(placement.nodes.map((n) => n.node)) : undefined;
    for (const c of list) {
      const n = liveNode(c, registry);
      if (!n) failed[c.name] = 'not an Allot node';
      else if (!cur) failed[c.name] = 'no round decided yet';
      else if (cur.holdings[c.name] !== tenant) failed[c.name] = `held by ${cur.holdings[c.name] ?? 'no tenant'} this round, not ${tenant || '(no tenant)'}`;
      else if (job && typeSpeed(trainingJobOf(job), n.type) <= 0) failed[c.name] = `job ${job.id} cannot run on ${n.type}`;
      else if (placed && !placed.has(c.name)) failed[c.name] = `job ${job!.id} is placed on ${[...placed].join(', ')} this round`;
      else keep.push(c);
    }
    return form === 'Nodes'
      ? { Nodes: { items: keep.map((c) => c.node!) }, NodeNames: null, FailedNodes: failed, Error: '' }
      : { Nodes: null, NodeNames: keep.map((c) => c.name), FailedNodes: failed, Error: '' };
  });

  app.post('/k8s/prioritize', async (req): Promise<HostPriority[]> => {
    const args = body(req.body) as ExtenderArgs;
    const { list } = candidates(args);
    const { tenant, cur, placement, registry, runnable } = context(svc, args.Pod);
    const placed = placement ? new Set(placement.nodes.map((n) => n.node)) : undefined;
    const util = list.map((c) => {
      const n = liveNode(c, registry);
      return n && cur?.holdings[c.name] === tenant ? nodeUtility(runnable, n) : 0;
    });
    const max = Math.max(0, ...util);
    return list.map((c, i) => ({ Host: c.name, Score: placed?.has(c.name) ? 10 : max > 0 ? Math.round((10 * util[i]) / max) : 0 }));
  });

  app.post('/k8s/bind', async (req): Promise<{ Error: string }> => {
    const a = body(req.body) as ExtenderBindingArgs;
    if (typeof a.PodName !== 'string' || typeof a.PodNamespace !== 'string' || typeof a.Node !== 'string') return { Error: 'expected PodName, PodNamespace and Node' };
    if (!options.core) return { Error: 'allot serve has no Kubernetes API access (--kubeconfig)' };
    try {
      const pod = await options.core.readNamespacedPod({ name: a.PodName, namespace: a.PodNamespace });
      const tenant = podTenant(pod as K8sPod);
      const cur = svc.current();
      if (!cur || cur.holdings[a.Node] !== tenant) return { Error: `node ${a.Node} is not held by tenant ${tenant} this round` };
      await options.core.createNamespacedBinding({
        namespace: a.PodNamespace,
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: a.PodName, namespace: a.PodNamespace, ...(a.PodUID ? { uid: a.PodUID } : {}) }, target: { apiVersion: 'v1', kind: 'Node', name: a.Node } },
      });
      return { Error: '' };
    } catch (e) {
      return { Error: `bind failed: ${(e as Error).message.split('\n')[0]}` };
    }
  });
  await app.ready();
  return app;
}
