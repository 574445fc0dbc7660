/**
 * TF.js on the WASM backend under Node (LIBRARIES.md: tfjs-node needs a
 * binary download). Single-threaded WASM for bit-reproducible training.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let ready: Promise<typeof tf> | undefined;

/** Initialises the WASM backend once; resolves to the tf namespace. */
export function tfWasm(): Promise<typeof tf> {
  if (!ready) {
    ready = (async () => {
      const require = createRequire(import.meta.url);
      const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
      setWasmPaths(dist);
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      if (!(await tf.setBackend('wasm'))) throw new Error('TF.js WASM backend failed to initialise');
      await tf.ready();
      return tf;
    })();
  }
  return ready;
}
