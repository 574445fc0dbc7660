/**
 * Maximum flow (Dinic's algorithm) on real-valued capacities, used to find
 * equilibrium spending on the max-bang-per-buck graph of a Fisher market and
 * in the Birkhoff–von Neumann decomposition. Capacities below `eps` count
 * as zero. O(V²E) worst case; the graphs here are bipartite and small.
 */
export class FlowNetwork {
  private readonly head: Int32Array;
  private to: number[] = [];
  private cap: number[] = [];
  private next: number[] = [];
  private level: Int32Array;
  private iter: Int32Array;

  constructor(
    readonly vertices: number,
    private readonly eps = 1e-12,
  ) {
    this.head = new Int32Array(vertices).fill(-1);
    this.level = new Int32Array(vertices);
    this.iter = new Int32Array(vertices);
  }

  /** Adds edge u→v with capacity c ≥ 0; returns its id (flow on it: `flow(id)`). */
  addEdge(u: number, v: number, c: number): number {
    const id = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = id;
    this.head[v] = id + 1;
    return id;
  }

  /** Flow currently on edge `id` (the reverse edge's residual). */
  flow(id: number): number {
    return this.cap[id + 1];
  }

  private bfs(s: number, t: number): boolean {
    this.level.fill(-1);
    const queue = [s];
    this.level[s] = 0;
    for (let q = 0; q < queue.length; q++) {
      const u = queue[q];
      for (let e = this.head[u]; e >= 0; e = this.next[e]) {
        const v = this.to[e];
        if (this.cap[e] > this.eps && this.level[v] < 0) {
          this.level[v] = this.level[u] + 1;
          queue.push(v);
        }
      }
    }
    return this.level[t] >= 0;
  }

  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (let e = this.iter[u]; e >= 0; e = this.next[e], this.iter[u] = e) {
      const v = this.to[e];
      if (this.cap[e] > this.eps && this.level[v] === this.level[u] + 1) {
        const d = this.dfs(v, t, Math.min(f, this.cap[e]));
        if (d > this.eps) {
          this.cap[e] -= d;
          this.cap[e ^ 1] += d;
          return d;
        }
      }
    }
    return 0;
  }

  /** Pushes the maximum flow from s to t and returns its value. */
  maxFlow(s: number, t: number): number {
    let total = 0;
    while (this.bfs(s, t)) {
      this.iter.set(this.head);
      for (;;) {
        const f = this.dfs(s, t, Infinity);
        if (f <= this.eps) break;
        total += f;
      }
    }
    return total;
  }
}
