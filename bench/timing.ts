/** Timing helpers for benchmarks (wall clock, best of N after warm-up). */
export function timeIt<T>(fn: () => T, repeats = 3): { seconds: number; result: T } {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    result = fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) best = s;
  }
  return { seconds: best, result };
}

export async function timeItAsync<T>(fn: () => Promise<T>, repeats = 3): Promise<{ seconds: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    result = await fn();
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (s < best) best = s;
  }
  return { seconds: best, result };
}

export function report(name: string, value: number, unit: string, note = ''): void {
  const v = value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toPrecision(3);
  console.log(`${name.padEnd(58)} ${v.padStart(12)} ${unit}${note ? `  (${note})` : ''}`);
}
