/**
 * Exact rationals (BigInt numerator/denominator, reduced) with
 * a cached double for fast comparisons; used for S-Dice passes so that ties
 * resolve exactly (shared/specs/dice.md §3, step 3).
 */
function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export class Rational {
  readonly approx: number;
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {
    this.approx = Number(num) / Number(den);
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = BigInt(num);
    let d = BigInt(den);
    if (d === 0n) throw new RangeError('zero denominator');
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n, d) || 1n;
    return new Rational(n / g, d / g);
  }

  static readonly ZERO = Rational.of(0);

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }

  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }

  /** −1, 0 or 1. Uses the doubles when they clearly differ, exact cross-multiplication otherwise. */
  compare(o: Rational): number {
    const a = this.approx;
    const b = o.approx;
    if (Math.abs(a - b) > 1e-9 * Math.max(Math.abs(a), Math.abs(b))) return a < b ? -1 : 1;
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** "num/den" (exact, for JSON state). */
  toString(): string {
    return `${this.num}/${this.den}`;
  }

  /** Parses "num/den" (as written by `toString`). Throws RangeError otherwise. */
  static parse(text: string): Rational {
    const m = /^(-?\d+)\/(\d+)$/.exec(text);
    if (!m) throw new RangeError(`expected a rational "num/den", got "${text}"`);
    return Rational.of(BigInt(m[1]), BigInt(m[2]));
  }

  max(o: Rational): Rational {
    return this.compare(o) >= 0 ? this : o;
  }
}
