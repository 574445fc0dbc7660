// Worker-thread entry when Allot runs from its TypeScript sources (tests, `npm run allot`):
// registers tsx's ESM hooks in this thread (Node 20 does not carry `--import tsx` into worker
// threads), so the worker and every module it imports lazily load as TypeScript.
// The installed package uses the compiled dist/sweep/worker.js directly.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
export const runPartTask = worker.runPartTask;
export const validationTask = worker.validationTask;
