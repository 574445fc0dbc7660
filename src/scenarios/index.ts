/** Registers every scenario kind `allot run` can drive (one import per kind). */
import './inference-allocation.js';
import './dag.js';
import './training.js';
import './realtime.js';
