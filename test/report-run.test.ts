/**
 * The report of a single run: `writeRunOutputs` (what `allot run --out` calls)
 * writes report.html + figures through the registered writer; `reportDirectory`
 * redraws it from results.json + series.json; absent series are skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runToy, toySchema } from './fixtures/toy-queue-kind.js';
import '../src/report/html-writer.js';
import { writeRunOutputs } from '../src/report/write-outputs.js';
import { reportDirectory } from '../src/report/report.js';

test('writeRunOutputs writes report.html, series.json and one SVG + PNG per present series', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-run-report-'));
  const output = await runToy(toySchema.parse({ kind: 'toy-queue', load: 1.2, policies: ['fifo', 'sjf'] }), 3);
  const files = await writeRunOutputs(dir, output);
  assert.ok(files.some((f) => f.endsWith('report.html')));
  assert.deepEqual(readdirSync(join(dir, 'figures')).sort(), ['gantt-fifo', 'gantt-sjf', 'hit-rate', 'jct-cdf', 'tenant-share', 'utilization'].flatMap((s) => [`${s}.png`, `${s}.svg`]).sort());
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  // one Gantt panel per policy, so the Gantt stays readable however many policies run
  assert.equal((html.match(/<figure class="chart"/g) ?? []).length, 6);
  assert.match(html, /<td class="text">fifo<\/td>/);
  assert.doesNotMatch(html, /<script[^>]*\ssrc=|https?:\/\/(?!www\.w3\.org)/, 'inline scripts only, and no network references');
  assert.ok(html.indexOf('id="summary"') < html.indexOf('<figure'), 'the summary comes before the figures');
  // redraw from disk gives the same page
  rmSync(join(dir, 'report.html'));
  await reportDirectory(dir);
  assert.equal(readFileSync(join(dir, 'report.html'), 'utf8'), html);
});

test('a run with only some series draws only those; with none, says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'allot-run-report-partial-'));
  const output = await runToy(toySchema.parse({ kind: 'toy-queue', policies: ['fifo'] }), 1);
  output.artifacts.series = { jctCdf: output.artifacts.series.jctCdf, gantt: [] };
  await writeRunOutputs(dir, output);
  assert.deepEqual(readdirSync(join(dir, 'figures')).sort(), ['jct-cdf.png', 'jct-cdf.svg']);
  const none = mkdtempSync(join(tmpdir(), 'allot-run-report-none-'));
  output.artifacts.series = {};
  await writeRunOutputs(none, output);
  assert.match(readFileSync(join(none, 'report.html'), 'utf8'), /This run emitted no chart series/);
  assert.ok(!existsSync(join(none, 'figures', 'jct-cdf.svg')));
});

test('allot report on a dice-original run draws the original\'s plots; on one written before them (no envy field, series.json {}) it still reports, without them', async () => {
  const { runScenario } = await import('../src/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'allot-run-report-dice-original-'));
  const output = await runScenario({ kind: 'dice-original', rounds: 20, policies: ['ss', 'l-dice'] }, { seed: 3 });
  await writeRunOutputs(dir, output);
  assert.deepEqual(readdirSync(join(dir, 'figures')).filter((f) => f.endsWith('.svg')).sort(), ['average-throughput.svg', 'class-throughput.svg', 'envy-heatmap.svg', 'sharing-incentive.svg']);
  // an older results.json: no longRunEnvyMax, an empty series.json
  const old = mkdtempSync(join(tmpdir(), 'allot-run-report-dice-original-old-'));
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  for (const p of results.policies) {
    delete p.longRunEnvyMax;
    for (const t of p.tenants) delete t.longRunEnvyMax;
  }
  writeFileSync(join(old, 'results.json'), JSON.stringify(results));
  writeFileSync(join(old, 'series.json'), '{}\n');
  await reportDirectory(old, { png: false });
  const html = readFileSync(join(old, 'report.html'), 'utf8');
  assert.match(html, /This run emitted no chart series/);
  assert.match(html, /goodput per round/);
});
