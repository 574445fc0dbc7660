/**
 * The event core against a bare heap: the classic hold model (pop the next
 * event, push one at its time + Exp(1)) at queue sizes 1k / 10k / 100k, 2 M
 * holds each. "bare" is a binary min-heap of times alone in one Float64Array
 * (no priority, no sequence, no payload) — the fastest a heap can be in Node;
 * the EventQueue keeps the (time, priority, seq) order and a payload per
 * event. Both draw the same increments from one seeded xorshift stream.
 */
import { EventQueue } from '../src/sim/event-queue.js';
import { report, timeIt } from './timing.js';

const HOLDS = 2_000_000;

function increments(n: number): Float64Array {
  const out = new Float64Array(n);
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = -Math.log(((x >>> 0) + 1) / 4294967297);
  }
  return out;
}

/** The bare heap: times only. */
function bareHold(size: number, inc: Float64Array): number {
  const h = new Float64Array(size + 1);
  let n = 0;
  const push = (t: number) => {
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p] <= t) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = t;
  };
  const pop = () => {
    const top = h[0];
    const last = h[--n];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const c = l + 1 < n && h[l + 1] < h[l] ? l + 1 : l;
      if (h[c] >= last) break;
      h[i] = h[c];
      i = c;
    }
    h[i] = last;
    return top;
  };
  let k = 0;
  for (let i = 0; i < size; i++) push(inc[k++ % inc.length]);
  let t = 0;
  for (let i = 0; i < HOLDS; i++) {
    t = pop();
    push(t + inc[k++ % inc.length]);
  }
  return t;
}

function queueHold(size: number, inc: Float64Array): number {
  const q = new EventQueue<number>();
  let k = 0;
  for (let i = 0; i < size; i++) q.push(inc[k++ % inc.length], i);
  let t = 0;
  for (let i = 0; i < HOLDS; i++) {
    const e = q.popEvent() as number;
    t = q.poppedTime;
    q.push(t + inc[k++ % inc.length], e);
  }
  return t;
}

export async function run(): Promise<void> {
  const inc = increments(1 << 20);
  for (const size of [1_000, 10_000, 100_000]) {
    const bare = timeIt(() => bareHold(size, inc), 3);
    const queue = timeIt(() => queueHold(size, inc), 3);
    const bareRate = HOLDS / bare.seconds / 1e6;
    const queueRate = HOLDS / queue.seconds / 1e6;
    report(`event queue hold model, queue ${size.toLocaleString('en-US')}: EventQueue`, queueRate, 'M events/s', `${((queueRate / bareRate) * 100).toFixed(0)} % of the bare heap's ${bareRate.toFixed(2)} M/s`);
  }
}
