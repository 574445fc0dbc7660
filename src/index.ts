/**
 * Allot's public library API. Everything the CLI does is a typed function
 * here first; this barrel fixes what is public.
 */
export { Rng } from './sim/rng.js';
export { EventQueue } from './sim/event-queue.js';
export { Simulator } from './sim/simulator.js';
export type { Tenant } from './model/tenant.js';
export type { NodeSpec } from './model/node.js';
export type { DnnLayer, DnnModel, LayerKind } from './model/dnn.js';
export type { Results, PolicyResult, TenantResult, RunOutput, RowTable } from './results.js';
export { InputError } from './errors.js';
export { allotVersion } from './provenance.js';

// ── Experiment harness (issue 6): sweeps with confidence intervals, HTML report ──
export { runSweep, readCellRecords, type SweepOptions, type SweepRun, type SweepProgress } from './sweep/run-sweep.js';
export { enumerateCells, parseVary, cellLabel, type CellSpec, type CellPlan, type VaryAxis, type OptionValue } from './sweep/cells.js';
export { aggregateCells, meanCi95, type SummaryRow } from './sweep/aggregate.js';
export { writeSweepOutputs, type SweepSummary } from './sweep/write-sweep.js';
export type { CellRecord, CellFailure } from './sweep/run-cell.js';
export { writeRunReport, writeSweepReport, reportDirectory, type ReportOptions } from './report/report.js';
export { runCharts, loadCurveCharts, jctCdfChart, tenantShareChart, hitRateChart, utilizationChart, ganttChart, type ChartDef } from './report/charts.js';
export { renderSvg, svgToPng } from './report/render.js';
import './report/html-writer.js';
