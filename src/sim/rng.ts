/**
 * Seeded pseudo-random numbers for every random choice in Allot.
 *
 * One root seed → independent named streams. Each stream is a
 * xoroshiro128+ generator (pure-rand) whose 64-bit start state is derived from
 * (root seed, stream name) by SplitMix64-style mixing of an FNV-1a hash of the
 * name, the seeding procedure recommended by the xoroshiro authors (Blackman &
 * Vigna, 2018). Streams are therefore reproducible regardless of the order in
 * which they are created, and adding a stream never shifts another one.
 * `split()` gives an unnamed sibling by `jump()` (2^64 steps ahead).
 *
 * Invariant: the same seed and the same sequence of calls on a stream give
 * byte-identical values on every machine (only integer and IEEE-754 double
 * arithmetic is used).
 */
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';

const MASK32 = 0xffffffffn;

function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

function splitMix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & 0xffffffffffffffffn;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & 0xffffffffffffffffn;
  return z ^ (z >> 31n);
}

/** The JSON state of a stream: xoroshiro128+'s four 32-bit words (`Rng.restore` continues exactly where `snapshot` was taken). */
export interface RngState {
  xoroshiro128plus: number[];
}

/** A stream of uniform and derived random variates. Not thread-safe; cheap to create. */
export class Rng {
  private readonly gen: JumpableRandomGenerator;

  /** @param seed any safe integer; streams differ for different names. */
  constructor(seed: number | JumpableRandomGenerator, name = '') {
    if (typeof seed === 'number') {
      if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
      const a = splitMix64((BigInt.asUintN(64, BigInt(seed)) ^ fnv1a64(name)) & 0xffffffffffffffffn);
      const b = splitMix64(a);
      const state: number[] = [a >> 32n, a & MASK32, b >> 32n, b & MASK32].map((v) => Number(BigInt.asIntN(32, v)));
      // xoroshiro must not start from the all-zero state.
      if (!state.some((v) => v !== 0)) state[3] = 1;
      this.gen = xoroshiro128plusFromState(state);
    } else {
      this.gen = seed;
    }
  }

  /** A generator seeded the plain pure-rand way (`xoroshiro128plus(seed)`), for interop with fast-check examples. */
  static plain(seed: number): Rng {
    return new Rng(xoroshiro128plus(seed));
  }

  /** The stream's state as JSON (for services that persist a policy between rounds). */
  snapshot(): RngState {
    const st = (this.gen as unknown as { getState(): readonly number[] }).getState();
    return { xoroshiro128plus: [...st] };
  }

  /** A stream that continues from a snapshot. Throws RangeError on a malformed state. */
  static restore(state: RngState): Rng {
    const s = state?.xoroshiro128plus;
    if (!Array.isArray(s) || s.length !== 4 || !s.every((v) => Number.isInteger(v)) || !s.some((v) => v !== 0)) throw new RangeError('expected an Rng state {xoroshiro128plus: four 32-bit integers, not all 0}');
    return new Rng(xoroshiro128plusFromState(s));
  }

  /** Named child stream of a root seed: `Rng.stream(seed, 'arrivals/tenant-3')`. */
  static stream(seed: number, name: string): Rng {
    return new Rng(seed, name);
  }

  /** An independent sibling: a copy of this stream jumped 2^64 steps ahead; this stream also jumps once more so siblings never collide. */
  split(): Rng {
    this.gen.jump();
    const child = this.gen.clone();
    this.gen.jump();
    return new Rng(child);
  }

  /** Uniform double in [0, 1) with 53 random bits (two 32-bit draws). */
  next(): number {
    const hi = (this.gen.next() >>> 0) >>> 5; // 27 bits
    const lo = (this.gen.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) without modulo bias; n ≤ 2^32. */
  int(n: number): number {
    if (!(n >= 1) || !Number.isInteger(n) || n > 4294967296) throw new RangeError(`int(n) needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
    if (n === 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const v = this.gen.next() >>> 0;
      if (v < limit) return v % n;
    }
  }

  /** Exponential variate with the given rate (1/mean), in the caller's unit (e.g. seconds for a rate in 1/s). */
  exponential(rate: number): number {
    if (!(rate > 0)) throw new RangeError(`exponential rate must be > 0, got ${rate}`);
    return -Math.log(1 - this.next()) / rate;
  }

  /** Standard normal variate (Box–Muller, one value per call, two uniforms each). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Bernoulli trial with success probability p. */
  bernoulli(p: number): boolean {
    return this.next() < p;
  }

  /** Index drawn with probability proportional to weights[i] ≥ 0 (one draw). Throws if all weights are 0. */
  weightedIndex(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) total += weights[i];
    if (!(total > 0)) throw new RangeError('weightedIndex needs a positive total weight');
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0 && weights[i] > 0) return i;
    }
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
    return weights.length - 1;
  }

  /** In-place Fisher–Yates shuffle; returns the array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }

  /** A function () => uniform [0,1) for libraries that accept a source (e.g. d3-random's `.source()`). */
  source(): () => number {
    return () => this.next();
  }
}
