/** Registers every scenario kind `allot run` can drive (one import per kind). */
import './realtime.js';
