/** Registers every scenario kind `allot run` can drive (one light import per kind, its kind.ts; each kind's heavy code, its index.ts, loads when it runs). */
import './inference-allocation/kind.js';
import './dag/kind.js';
import './training/kind.js';
import './realtime/kind.js';
import './dice-original/kind.js';
import './two-level/kind.js';
