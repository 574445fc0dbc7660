/**
 * The DAG scheduling problem (level 4): tasks with a run time per processor,
 * data edges and a link model. `DagProblemSpec` is the plain input shape
 * (the `allot dag` JSON after validation); `DagProblem` is its checked,
 * compressed-sparse-row form built by `buildDagProblem` (src/dag/problem.ts),
 * the input of every DAG scheduler.
 *
 * Units: run times and transfer times in seconds; edge `data` in seconds
 * without a bandwidth matrix, or in bytes with one (bytes/s); memory in bytes.
 */
export interface DagProblem {
  readonly taskIds: readonly string[];
  readonly procIds: readonly string[];
  /** Number of tasks n and processors p. */
  readonly n: number;
  readonly p: number;
  /** Run time of task t on processor k at [t·p + k], seconds; Infinity = not a candidate. */
  readonly cost: Float64Array;
  /** Successors of t: succ[succOff[t] .. succOff[t+1]) with data succData[·]. */
  readonly succOff: Int32Array;
  readonly succ: Int32Array;
  readonly succData: Float64Array;
  /** Predecessors of t, the same way. */
  readonly predOff: Int32Array;
  readonly pred: Int32Array;
  readonly predData: Float64Array;
  /**
   * Quirk (Multiple-DNN-Scheduling@de588b2): the data its ranks charge per
   * successor edge, aligned with `succ`, when it differs from `succData` —
   * the original's rank_u and OCT read the producer's declared output bytes,
   * its evaluator the consumer's input bytes. Absent = `succData`.
   */
  readonly succRankData?: Float64Array;
  /** Link rate a → b at [a·p + b] (data units per second; Infinity = free). */
  readonly bandwidth: Float64Array;
  /** A topological order of the tasks (Kahn's algorithm, lowest index first). */
  readonly topo: Int32Array;
  /** Memory of each task and capacity of each processor, bytes (both or neither). */
  readonly memory?: Float64Array;
  readonly capacity?: Float64Array;
  /** External input: processor it comes from (−1 = none) and its size, per task. */
  readonly inputProc?: Int32Array;
  readonly inputData?: Float64Array;
  /**
   * Quirk (Multiple-DNN-Scheduling@de588b2's C++ evaluator, mdnn.md
   * corrections "Request device"): the processor the §8 evaluator charges
   * each external input from, when it differs from `inputProc` (−1 = none).
   * List schedulers keep `inputProc`; only the evaluator reads this.
   */
  readonly evaluatorInputProc?: Int32Array;
  /**
   * Overrides of the rank averages (w̄ per task, b̄) for the original
   * Multiple-DNN-Scheduling variant (mdnn.md §7 "original"); absent = the
   * canonical means over candidate processors.
   */
  readonly avgCostOverride?: Float64Array;
  readonly avgBandwidthOverride?: number;
  /** Optional group label per task (e.g. the DNN service), for reports. */
  readonly group?: readonly string[];
}

/** Plain description of a problem, the shape `buildDagProblem` accepts (the CLI's JSON after validation). */
export interface DagProblemSpec {
  processors: string[];
  tasks: { id: string; cost: number[]; memory?: number; input?: { from: number; data: number }; group?: string }[];
  /** `rankData`: what the ranks charge for the edge when it differs from `data` (see `DagProblem.succRankData`). */
  edges: { from: string; to: string; data: number; rankData?: number }[];
  /** Bytes/s, p×p; `null`/Infinity = free. Absent: data in seconds, free on the same processor. */
  bandwidth?: (number | null)[][];
  /** Processor memory capacities, bytes. */
  capacity?: number[];
  avgCostOverride?: number[];
  avgBandwidthOverride?: number;
  /** Per task: the processor the §8 evaluator takes its input from (see `DagProblem.evaluatorInputProc`); absent = `input.from`. */
  evaluatorInputFrom?: number[];
  /**
   * The run times already laid out as `DagProblem.cost` (n × p, row-major,
   * seconds, Infinity = not a candidate), equal to `tasks[t].cost`, every row
   * with a finite entry: `buildDagProblem` then takes it as is instead of
   * checking and copying the rows again. Made by the one-pass input reader
   * (src/data/dag-input.ts; issue 15).
   */
  costMatrix?: Float64Array;
}

