/**
 * Piscina worker: runs sweep cells one at a time (default export), and the
 * policies of one `allot run` (`runPartTask`, see run-parts.ts). Registers the built-in
 * scenario kinds, then loads the sweep's extra modules (plugins that
 * register more kinds) once per thread before the first cell. From sources
 * it is entered through worker-tsx.mjs, which registers tsx's ESM hooks in
 * the thread, so plugins written in TypeScript load with a plain `import()`
 * and share this thread's module instances (and thus the one registry).
 */
import { pathToFileURL } from 'node:url';
import '../scenarios/index.js';
import { findScenarioKind } from '../scenarios/registry.js';
import type { CellSpec } from './cells.js';
import { runCell, type CellOutcome } from './run-cell.js';
import { runPartInThread, type PartOutcome, type PartTask } from './run-parts.js';
import type { ValidationTask } from '../realtime/drl/validation.js';

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

/** Loads a plugin module in this thread: an absolute path, a file:// URL or a package name. */
export async function loadModule(spec: string): Promise<void> {
  await import(spec.startsWith('/') ? pathToFileURL(spec).href : spec);
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

/** Runs the policies of one part of an `allot run` (run-parts.ts); never throws. */
export function runPartTask(task: PartTask): Promise<PartOutcome> {
  return runPartInThread(task, findScenarioKind);
}

/** Scores a deep-RL policy's weights for the trainer's model selection (src/realtime/drl/validation.ts). */
export async function validationTask(task: ValidationTask): Promise<number> {
  return (await import('../realtime/drl/validation.js')).validationTaskInThread(task);
}
