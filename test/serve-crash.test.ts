/**
 * Crash test of `allot serve` (the one test that runs it as a process):
 * kill -9 during a load of job submits, restart on the same SQLite state:
 * every acknowledged job is there exactly once (same id for its
 * Idempotency-Key), and the round state — the allocation in force and the
 * scheduler's state (S-Dice passes, random stream, rounds) — is intact. Then
 * a graceful SIGTERM exits 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const TOKEN = 'crash-test-token';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked field by field
type Json = any;

function start(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.on('line', (line) => {
      try {
        const o = JSON.parse(line) as { msg?: string; url?: string };
        if (o.msg === 'allot serve listening' && o.url) resolve({ child, url: o.url });
      } catch {
        /* not a log line */
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

const exited = (c: ChildProcess): Promise<number | null> => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(c.exitCode) : c.on('exit', (code) => r(code))));

async function req(url: string, method: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json }> {
  const r = await fetch(url, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: await r.json() };
}

test('kill -9 during submits, restart on the same state: acknowledged jobs exactly once, round state intact', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-crash-'));
  const state = join(dir, 'state.db');
  const tok = join(dir, 'token');
  writeFileSync(tok, `${TOKEN}\n`);
  const scenario = join(dir, 'live.yaml');
  writeFileSync(scenario, 'kind: two-level\nmechanisms: [s-dice]\nschedulers: [srtf]\ntenants: [{id: a, tokens: 3}, {id: b, tokens: 2}, {id: c, tokens: 1}]\nnodes: [{type: V100, count: 6, gpus: 4}]\n');
  const args = ['--state', state, '--token-file', tok, '--scenario', scenario];
  let child: ChildProcess | undefined;
  try {
    const a = await start(args);
    child = a.child;
    for (let i = 0; i < 12; i++) assert.equal((await req(`${a.url}/v1/jobs`, 'POST', { tenant: ['a', 'b', 'c'][i % 3], gpus: 1 + (i % 4), work: 300 + 100 * i }, { 'idempotency-key': `pre-${i}` })).status, 201);
    for (let r = 0; r < 3; r++) assert.equal((await req(`${a.url}/v1/rounds`, 'POST')).status, 200);
    const sched = (await req(`${a.url}/v1/scheduler`, 'GET')).json;
    const current = (await req(`${a.url}/v1/rounds/current`, 'GET')).json;
    assert.equal(current.round, 2);
    assert.ok(sched.state.allocator.mechanism !== null, 's-dice carries passes');
    // Load: 4 concurrent clients submit until 150 acknowledgements, then kill -9 with requests in flight.
    const acked = new Map<string, string>();
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; !killed; i++) {
        const key = `load-${w}-${i}`;
        try {
          const r = await req(`${a.url}/v1/jobs`, 'POST', { tenant: ['a', 'b', 'c'][i % 3], gpus: 1, work: 60 + i }, { 'idempotency-key': key });
          if (r.status === 201) acked.set(key, r.json.id);
          if (acked.size >= 150 && !killed) {
            killed = true;
            a.child.kill('SIGKILL');
          }
        } catch {
          return; // connection refused/reset after the kill
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(worker));
    await exited(a.child);
    assert.equal(a.child.signalCode, 'SIGKILL');
    // Restart on the same state file.
    const b = await start(args);
    child = b.child;
    const jobs = (await req(`${b.url}/v1/jobs`, 'GET')).json.jobs as { id: string; idempotencyKey: string; status: string }[];
    const byKey = new Map<string, string[]>();
    for (const j of jobs) byKey.set(j.idempotencyKey, [...(byKey.get(j.idempotencyKey) ?? []), j.id]);
    assert.equal(new Set(jobs.map((j) => j.id)).size, jobs.length, 'job ids unique');
    for (const [key, id] of acked) assert.deepEqual(byKey.get(key), [id], `acknowledged ${key} present exactly once`);
    for (let i = 0; i < 12; i++) assert.equal(byKey.get(`pre-${i}`)?.length, 1);
    assert.ok(jobs.length >= 12 + acked.size);
    assert.deepEqual((await req(`${b.url}/v1/scheduler`, 'GET')).json, sched, 'scheduler state (passes, random stream, rounds) intact');
    assert.deepEqual((await req(`${b.url}/v1/rounds/current`, 'GET')).json, current, 'allocation in force intact');
    // A retried acknowledged submit returns the same job.
    const [key0, id0] = [...acked][0];
    const again = await req(`${b.url}/v1/jobs`, 'POST', { tenant: 'a', gpus: 1, work: 60 }, { 'idempotency-key': key0 });
    assert.equal(again.status, 200);
    assert.equal(again.json.id, id0);
    const next = await req(`${b.url}/v1/rounds`, 'POST');
    assert.equal(next.json.round, 3);
    b.child.kill('SIGTERM');
    assert.equal(await exited(b.child), 0, 'graceful shutdown on SIGTERM');
    console.log(`# crash test: ${acked.size} acknowledged before kill -9, ${jobs.length - 12} load jobs found after restart`);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
