/**
 * `npm run bench -- serve`: load test of `allot serve` on loopback. The
 * server runs as its own process (state in a temp SQLite file, WAL,
 * synchronous=NORMAL, log level warn); this process submits a bounded
 * number of jobs (POST /v1/jobs with Idempotency-Key and a bearer token)
 * from C concurrent keep-alive clients and reports submits/s and latency
 * percentiles, then closes rounds over the submitted jobs.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Agent, request } from 'node:http';

const TOKEN = 'bench-token-0000';

function post(agent: Agent, url: URL, path: string, body: string, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ agent, host: url.hostname, port: url.port, path, method: 'POST', headers: { ...(body ? { 'content-type': 'application/json' } : {}), 'content-length': Buffer.byteLength(body), authorization: `Bearer ${TOKEN}`, 'idempotency-key': key } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'allot-bench-serve-'));
  writeFileSync(join(dir, 'token'), TOKEN + '\n');
  writeFileSync(join(dir, 'live.yaml'), 'kind: two-level\nmechanisms: [s-dice]\nschedulers: [fifo+fair]\ntenants: [{id: a, tokens: 3}, {id: b, tokens: 2}, {id: c, tokens: 1}]\nnodes: [{type: V100, count: 16, gpus: 4}]\n');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/entry.ts', 'serve', '--port', '0', '--state', join(dir, 'state.db'), '--token-file', join(dir, 'token'), '--scenario', join(dir, 'live.yaml'), '--log-level', 'warn'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const base = await new Promise<URL>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (l) => {
        if (l.includes('allot serve listening')) resolve(new URL((JSON.parse(l) as { url: string }).url));
      });
      child.on('exit', (c) => reject(new Error(`server exited ${c}`)));
    });
    for (const [N, C] of [[2000, 8], [5000, 16]] as const) {
      const agent = new Agent({ keepAlive: true, maxSockets: C });
      // Warm-up.
      for (let i = 0; i < 200; i++) await post(agent, base, '/v1/jobs', JSON.stringify({ tenant: 'a', gpus: 1, work: 60 }), `warm-${N}-${i}`);
      const lat: number[] = [];
      let next = 0, bad = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: C }, async () => {
        while (next < N) {
          const i = next++;
          const body = JSON.stringify({ tenant: ['a', 'b', 'c'][i % 3], gpus: 1 + (i % 4), work: 60 + (i % 600), model: 'res18' });
          const s = performance.now();
          const code = await post(agent, base, '/v1/jobs', body, `load-${N}-${i}`);
          lat.push(performance.now() - s);
          if (code !== 201) bad++;
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      lat.sort((a, b) => a - b);
      console.log(`serve: ${N} submits, ${C} concurrent clients: ${Math.round(N / secs)} submits/s, p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, max ${lat[lat.length - 1].toFixed(1)} ms, non-201 ${bad}`);
      const r0 = performance.now();
      const code = await post(agent, base, '/v1/rounds', '', `round-${N}`);
      console.log(`serve: POST /v1/rounds over ${N + 200} queued jobs × 64 GPUs: ${(performance.now() - r0).toFixed(0)} ms (status ${code})`);
      agent.destroy();
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
}
