/**
 * Piscina worker: runs sweep cells one at a time. Registers the built-in
 * scenario kinds, then loads the sweep's extra modules (plugins that
 * register more kinds) once per thread before the first cell.
 *
 * From sources, piscina loads this file through tsx's CommonJS hook (Node 20
 * does not apply tsx's ESM hooks inside worker threads), so TypeScript
 * plugins are loaded with `require` to share this thread's module instances
 * (and thus the one scenario registry); compiled plugins use `import()`.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import '../scenarios/index.js';
import type { CellSpec } from './cells.js';
import { runCell, type CellOutcome } from './run-cell.js';

/** One task sent to a worker thread. */
export interface CellTask {
  cell: CellSpec;
  keepSeries: boolean;
  scenarioText?: string;
  /** Modules (absolute paths, file:// URLs or package names) loaded before the first cell. */
  modules: string[];
  /** Go on past the size bounds. */
  allowLarge?: boolean;
}

const loaded = new Set<string>();

/** Loads a plugin module in this thread (see the file comment for why `require` for .ts). */
export async function loadModule(spec: string): Promise<void> {
  const path = spec.startsWith('file:') ? fileURLToPath(spec) : spec;
  if (/\.[cm]?ts$/.test(path) && import.meta.url.endsWith('.ts')) {
    createRequire(import.meta.url)(path);
    return;
  }
  await import(spec.startsWith('/') ? `file://${spec}` : spec);
}

export default async function runCellTask(task: CellTask): Promise<CellOutcome> {
  for (const m of task.modules) {
    if (loaded.has(m)) continue;
    try {
      await loadModule(m);
    } catch (e) {
      return { ok: false, error: `cannot load module ${m}: ${e instanceof Error ? e.message : String(e)}` };
    }
    loaded.add(m);
  }
  return runCell(task.cell, { keepSeries: task.keepSeries, scenarioText: task.scenarioText, allowLarge: task.allowLarge });
}
