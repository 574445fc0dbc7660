/**
 * Embedded figures for the built-in inference scenario (no data files needed).
 *
 * Per-accelerator throughput: MLPerf Inference v4.1 results (MLCommons,
 * 2024; mlcommons/inference_results_v4.1 `summary_results.json` at commit
 * 4a0c8741, bundled as shared/data/mlperf/summary_results_v4.1.json, Apache-2.0).
 * Derivation (reproduced from the file by `deriveMlperfThroughputs` in
 * src/data/mlperf.ts, and checked against this table by a test): closed
 * division, Offline scenario, the `-99` accuracy rows (or the model's only
 * row), Performance_Result / (a# × Nodes), median over the submissions for
 * each (model, accelerator). Units: samples/s, or tokens/s for LLMs.
 *
 * Latency SLOs: the MLPerf Inference rules' Server-scenario latency
 * constraints (not in the data file): resnet 15 ms, retinanet 100 ms,
 * bert 130 ms, dlrm-v2 60 ms, gptj 20 s, stable-diffusion-xl 20 s,
 * llama2-70b and mixtral 2 s (time to first token; Allot applies it to the
 * whole request, see README).
 *
 * Mean generated tokens per LLM request: 211.13, the mean of
 * `GeneratedTokens` in the Azure LLM inference trace (conversation, 19,366
 * requests, 2023-11-16; Patel et al., Splitwise, ISCA'24; CC-BY-4.0). The
 * code trace's mean is 27.88.
 */

/** Unit of a model's throughput figures: samples/s, or tokens/s for LLMs. */
export type ThroughputUnit = 'samples/s' | 'tokens/s';

/**
 * An MLPerf inference model of the built-in scenario: its name, throughput
 * unit, latency SLO (s) and samples per request (see the module header for
 * the sources).
 */
export interface InferenceModelSpec {
  /** MLPerf model name (with its accuracy suffix). */
  readonly name: string;
  readonly unit: ThroughputUnit;
  /** Latency SLO (s). */
  readonly sloSeconds: number;
  /**
   * Samples in one request (ours): a request is one query processed as a
   * unit on one node. 1 for LLMs (one prompt) and SDXL (one image).
   */
  readonly samplesPerRequest: number;
}

/** Where the figures of `MLPERF_V41_THROUGHPUT` come from, in one line. */
export const MLPERF_SOURCE = 'MLPerf Inference v4.1, closed division, Offline, median per accelerator (mlcommons/inference_results_v4.1 summary_results.json @4a0c8741)';

/** Throughput per accelerator type (H100 = NVIDIA H100-SXM-80GB), in the model's unit. Missing = no submission (the model does not run there). */
export const MLPERF_V41_THROUGHPUT: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  resnet: { H100: 88526.5625, L40S: 43650.75, L4: 12800 },
  retinanet: { H100: 1800.65, L40S: 818.3175, L4: 224.72625 },
  'bert-99': { H100: 8975.775, L40S: 3303.6175, L4: 964.035 },
  'dlrm-v2-99': { H100: 74596.4375, L40S: 28856 },
  'gptj-99': { H100: 2472.21875, L40S: 864.8 },
  'llama2-70b-99': { H100: 3016.7125, L40S: 291.621125 },
  'mixtral-8x7b': { H100: 6554.24375 },
  'stable-diffusion-xl': { H100: 2.04355, L40S: 0.683795 },
};

/** MLPerf accelerator names → Allot accelerator types. */
export const MLPERF_ACCELERATORS: Readonly<Record<string, string>> = {
  'NVIDIA H100-SXM-80GB': 'H100',
  'NVIDIA L40S': 'L40S',
  'NVIDIA L4': 'L4',
};

/** Mean generated tokens per LLM request (tokens), from the Azure conversation trace (see the module header). */
export const AZURE_CONV_MEAN_GENERATED_TOKENS = 211.13;

/**
 * The MLPerf models the built-in inference scenario serves, by name: unit,
 * latency SLO (s; the MLPerf Server-scenario constraints) and samples per
 * request.
 */
export const INFERENCE_MODELS: Readonly<Record<string, InferenceModelSpec>> = {
  resnet: { name: 'resnet', unit: 'samples/s', sloSeconds: 0.015, samplesPerRequest: 128 },
  retinanet: { name: 'retinanet', unit: 'samples/s', sloSeconds: 0.1, samplesPerRequest: 4 },
  'bert-99': { name: 'bert-99', unit: 'samples/s', sloSeconds: 0.13, samplesPerRequest: 32 },
  'dlrm-v2-99': { name: 'dlrm-v2-99', unit: 'samples/s', sloSeconds: 0.06, samplesPerRequest: 512 },
  'gptj-99': { name: 'gptj-99', unit: 'tokens/s', sloSeconds: 20, samplesPerRequest: 1 },
  'llama2-70b-99': { name: 'llama2-70b-99', unit: 'tokens/s', sloSeconds: 2, samplesPerRequest: 1 },
  'mixtral-8x7b': { name: 'mixtral-8x7b', unit: 'tokens/s', sloSeconds: 2, samplesPerRequest: 1 },
  'stable-diffusion-xl': { name: 'stable-diffusion-xl', unit: 'samples/s', sloSeconds: 20, samplesPerRequest: 1 },
};
