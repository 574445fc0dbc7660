/**
 * A binary min-heap of task indices ordered by (key, index): the smallest key
 * first, ties to the lower index (the deterministic tie rule of every
 * scheduler here) or, with `ties: 'higher'`, to the higher index (the
 * original Multiple-DNN-Scheduling's `sorted(zip(rank, id), reverse=True)`).
 * For "largest first", push −key. Capacity fixed at creation.
 */
export class TaskHeap {
  private readonly items: Int32Array;
  private readonly keys: Float64Array;
  private size = 0;

  private readonly higher: boolean;

  constructor(capacity: number, ties: 'lower' | 'higher' = 'lower') {
    this.higher = ties === 'higher';
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
  }

  private less(i: number, j: number): boolean {
    const a = this.keys[i];
    const b = this.keys[j];
    return a < b || (a === b && (this.higher ? this.items[i] > this.items[j] : this.items[i] < this.items[j]));
  }

  private swap(i: number, j: number): void {
    const t = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = t;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(task: number, key: number): void {
    let i = this.size++;
    this.items[i] = task;
    this.keys[i] = key;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (!this.less(i, up)) break;
      this.swap(i, up);
      i = up;
    }
  }

  /** Removes and returns the task with the smallest (key, index). Undefined behaviour when empty. */
  pop(): number {
    const top = this.items[0];
    const n = --this.size;
    if (n > 0) {
      this.items[0] = this.items[n];
      this.keys[0] = this.keys[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let b = i;
        if (l < n && this.less(l, b)) b = l;
        if (r < n && this.less(r, b)) b = r;
        if (b === i) break;
        this.swap(b, i);
        i = b;
      }
    }
    return top;
  }
}
