/**
 * Preloaded by `npm test` (scripts/run-tests.mjs): property tests run with a
 * fixed fast-check seed so CI is reproducible. Set FC_SEED=<n> to explore
 * other seeds, or FC_SEED=random for a fresh one (printed on failure).
 */
import fc from 'fast-check';

const env = process.env.FC_SEED;
if (env !== 'random') fc.configureGlobal({ seed: env ? Number(env) : 20261122 });
