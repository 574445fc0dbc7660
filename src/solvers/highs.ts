/**
 * Linear programs on HiGHS (the `highs` npm package: HiGHS compiled to
 * WebAssembly). `loadLpSolver()` loads the solver once per process;
 * `solveLp(model)` writes a CPLEX-LP text model from a structured
 * description and returns the primal values by variable name and the row
 * duals. Throws Error when HiGHS reports anything but "Optimal".
 */
/** HiGHS's answer to one model (the fields Allot reads). */
export interface RawLpSolution {
  /** "Optimal", "Infeasible", "Time limit reached" … */
  Status: string;
  ObjectiveValue: number;
  /** Per variable: its primal value (and more HiGHS fields). */
  Columns: Record<string, unknown>;
  /** Per constraint row: its name, primal and dual values. */
  Rows: unknown[];
}

/**
 * The LP/MILP solver as Allot uses it: HiGHS's `solve(model, options)` on a
 * CPLEX-LP text model. Our own type, so that no HiGHS type leaks into the
 * public API.
 */
export interface LpSolver {
  /**
   * Solves a model given as CPLEX-LP text with HiGHS options (e.g.
   * `time_limit`, `output_flag`); returns HiGHS's raw answer (the caller checks
   * `Status`).
   */
  solve(model: string, options?: Record<string, unknown>): RawLpSolution;
  /**
   * Solves an LP given as arrays (no text to write and parse) on one HiGHS
   * model kept for the process, with HiGHS's default options: the same
   * answer as `solve` on the same model written as CPLEX-LP text with its
   * columns and rows in the same order.
   */
  solveColumns(lp: LpColumns): LpColumnsSolution;
}

/**
 * An LP in column-wise (CSC) form: n columns, r rows; column j's nonzeros are
 * `indices[starts[j] … starts[j+1])` (row numbers) with `values` at the same
 * positions; `starts` has n + 1 entries. Bounds may be ±Infinity.
 */
export interface LpColumns {
  sense: 'maximize' | 'minimize';
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  starts: Int32Array;
  indices: Int32Array;
  values: Float64Array;
}

/** HiGHS's model status ("Optimal", "Infeasible" … as in `RawLpSolution.Status`) and, when optimal, the primal value per column. */
export interface LpColumnsSolution {
  status: string;
  primal: Float64Array;
}

type Highs = LpSolver;
let instance: Promise<LpSolver> | undefined;

/**
 * V8's budget before a WebAssembly function is recompiled by its optimising
 * compiler (default 1.8 M, roughly bytes executed). HiGHS's 3.5 MB module has
 * large functions: with the default, a run of a few hundred small LPs spent
 * ≈ 2 s of CPU (background threads) recompiling them, more than the solves
 * (Gavel max-min on 196 jobs, 250 LPs, BENCHMARKS.md). 1e9 keeps short runs
 * on the baseline compiler; functions hot for long still tier up.
 */
export const WASM_TIERING_BUDGET = 1_000_000_000;

/**
 * Loads (once per process, on first use: its 170 kB loader is not parsed at
 * start-up) and returns the HiGHS solver. Raises V8's WebAssembly tiering
 * budget for the process first (`WASM_TIERING_BUDGET`; it applies to every
 * WebAssembly module of the process), unless node was started with a
 * tiering or Liftoff flag.
 */
export function loadLpSolver(): Promise<LpSolver> {
  instance ??= import('node:v8')
    .then((v8) => {
      // A budget or tiering flag given to node itself wins.
      if (!process.execArgv.some((a) => /tiering|liftoff/.test(a))) v8.setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
    })
    .then(() => import('highs'))
    .then(async (m) => wrap(await m.default()));
  return instance;
}

type RawHighs = Awaited<ReturnType<typeof import('highs').default>>;

function wrap(raw: RawHighs): LpSolver {
  let model: ReturnType<RawHighs['createModel']> | undefined;
  const statusName = new Map(Object.entries(raw.constants.modelStatus).map(([k, v]) => [v as number, k]));
  return {
    solve: (text, options) => raw.solve(text, options as Parameters<RawHighs['solve']>[1]) as unknown as RawLpSolution,
    solveColumns(lp) {
      if (!model) {
        model = raw.createModel();
        model.options.set({ output_flag: false });
      }
      const numCols = lp.colCost.length;
      const numRows = lp.rowLower.length;
      model.passModel({
        numCols, numRows, sense: lp.sense === 'maximize' ? raw.constants.objectiveSense.maximize : raw.constants.objectiveSense.minimize,
        colCost: lp.colCost, colLower: lp.colLower, colUpper: lp.colUpper, rowLower: lp.rowLower, rowUpper: lp.rowUpper,
        matrix: { format: 'csc', numRows, numCols, starts: lp.starts, indices: lp.indices, values: lp.values },
      });
      const { modelStatus } = model.run();
      const optimal = modelStatus === raw.constants.modelStatus.optimal;
      // The legacy `solve` names statuses as HiGHS's text ("Optimal"); keep that word for the optimal case.
      return { status: optimal ? 'Optimal' : (statusName.get(modelStatus) ?? String(modelStatus)), primal: optimal ? model.getSolution().colValue : new Float64Array(numCols) };
    },
  };
}

/** One term `coef · variable` of a linear expression (the variable by name). */
export interface LinearTerm {
  coef: number;
  variable: string;
}

/** One named constraint row `Σ terms sense rhs`; its name keys the dual in `LpSolution.duals`. */
export interface LpConstraint {
  name: string;
  terms: LinearTerm[];
  sense: '<=' | '>=' | '=';
  rhs: number;
}

/**
 * A structured LP or MILP: objective sense and terms, constraint rows,
 * variable bounds (default ≥ 0) and integer/binary variables. `lpText` writes
 * it as CPLEX-LP text; a non-finite coefficient throws RangeError.
 */
export interface LpModel {
  sense: 'maximize' | 'minimize';
  objective: LinearTerm[];
  constraints: LpConstraint[];
  /** Variable bounds; variables without an entry are ≥ 0. `upper` Infinity = none. */
  bounds?: Record<string, { lower?: number; upper?: number }>;
  /** Integer variables (for MILPs). */
  integers?: string[];
  /** Binary variables. */
  binaries?: string[];
}

/**
 * An optimal solution of an `LpModel`: the objective value, the primal value
 * of each variable by name, and the dual of each constraint row by name (0
 * where HiGHS gives none).
 */
export interface LpSolution {
  objective: number;
  values: Map<string, number>;
  duals: Map<string, number>;
}

function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`LP coefficient must be finite, got ${x}`);
  return Number.isInteger(x) ? String(x) : x.toPrecision(17);
}

function expr(terms: LinearTerm[]): string {
  if (terms.length === 0) return '0 __zero';
  return terms
    .map((t, q) => {
      const c = t.coef;
      const sign = c < 0 ? '-' : q === 0 ? '' : '+';
      return `${sign} ${num(Math.abs(c))} ${t.variable}`;
    })
    .join(' ');
}

/** CPLEX LP text of a model (exported for tests and debugging). */
export function lpText(model: LpModel): string {
  const lines: string[] = [model.sense === 'maximize' ? 'Maximize' : 'Minimize', ` obj: ${expr(model.objective)}`, 'Subject To'];
  for (const c of model.constraints) lines.push(` ${c.name}: ${expr(c.terms)} ${c.sense} ${num(c.rhs)}`);
  lines.push('Bounds');
  const usesZero = model.objective.length === 0 || model.constraints.some((c) => c.terms.length === 0);
  if (usesZero) lines.push(' __zero = 0');
  for (const [v, b] of Object.entries(model.bounds ?? {})) {
    const lo = b.lower === undefined ? '0' : b.lower === -Infinity ? '-inf' : num(b.lower);
    const hi = b.upper === undefined || b.upper === Infinity ? '+inf' : num(b.upper);
    lines.push(` ${lo} <= ${v} <= ${hi}`);
  }
  if (model.integers?.length) lines.push('Generals', ' ' + model.integers.join(' '));
  if (model.binaries?.length) lines.push('Binaries', ' ' + model.binaries.join(' '));
  lines.push('End');
  return lines.join('\n');
}

/** Solves an LP/MILP; throws Error on any status but Optimal. */
export async function solveLp(model: LpModel, options: Record<string, unknown> = {}): Promise<LpSolution> {
  const highs = await loadLpSolver();
  return solveLpWith(highs, model, options);
}

/** Synchronous solve with an already loaded instance (from `await loadLpSolver()`). */
export function solveLpWith(highs: Highs, model: LpModel, options: Record<string, unknown> = {}): LpSolution {
  const result = highs.solve(lpText(model), { output_flag: false, ...options });
  if (result.Status !== 'Optimal') throw new Error(`LP solver: status ${result.Status}`);
  const values = new Map<string, number>();
  for (const [name, col] of Object.entries(result.Columns)) values.set(name, (col as { Primal: number }).Primal);
  const duals = new Map<string, number>();
  for (const row of result.Rows as { Name: string; Dual?: number }[]) duals.set(row.Name, row.Dual ?? 0);
  return { objective: result.ObjectiveValue, values, duals };
}
