/** Registers every scenario kind `allot run` can drive (one import per kind; each kind's heavy code loads when it runs). */
import './inference-allocation/index.js';
import './dag/index.js';
import './training/index.js';
import './realtime/index.js';
import './dice-original/index.js';
import './two-level/index.js';
