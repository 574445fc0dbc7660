/**
 * Published worked examples, as `DagProblemSpec`s (seconds-mode: edge data is
 * the communication cost between different processors).
 *
 * - Topcuoglu, Hariri & Wu, IEEE TPDS 13(3) 2002, Fig. 2: 10 tasks, 3
 *   processors. Published: HEFT makespan 80 (Fig. 5a), CPOP 86 (Fig. 5b).
 * - Arabnejad & Barbosa, IEEE TPDS 25(3) 2014, Fig. 2 / Table 2: 10 tasks, 3
 *   processors. Published: PEFT makespan 122, with the OCT table of Table 3
 *   (as reproduced in mackncheesiest/peft test/peftgraph_*.csv).
 */
import type { DagProblemSpec } from './problem.js';

function spec(costs: number[][], edges: [number, number, number][]): DagProblemSpec {
  return {
    processors: ['p1', 'p2', 'p3'],
    tasks: costs.map((c, i) => ({ id: `t${i + 1}`, cost: c })),
    edges: edges.map(([a, b, d]) => ({ from: `t${a}`, to: `t${b}`, data: d })),
  };
}

export const topcuoglu2002: DagProblemSpec = spec(
  [[14, 16, 9], [13, 19, 18], [11, 13, 19], [13, 8, 17], [12, 13, 10], [13, 16, 9], [7, 15, 11], [5, 11, 14], [18, 12, 20], [21, 7, 16]],
  [[1, 2, 18], [1, 3, 12], [1, 4, 9], [1, 5, 11], [1, 6, 14], [2, 8, 19], [2, 9, 16], [3, 7, 23], [4, 8, 27], [4, 9, 23], [5, 9, 13], [6, 8, 15], [7, 10, 17], [8, 10, 11], [9, 10, 13]],
);

export const arabnejad2014: DagProblemSpec = spec(
  [[22, 21, 36], [22, 18, 18], [32, 27, 43], [7, 10, 4], [29, 27, 35], [26, 17, 24], [14, 25, 30], [29, 23, 36], [15, 21, 8], [13, 16, 33]],
  [[1, 2, 17], [1, 3, 31], [1, 4, 29], [1, 5, 13], [1, 6, 7], [2, 8, 3], [2, 9, 30], [3, 7, 16], [4, 8, 11], [4, 9, 7], [5, 9, 57], [6, 8, 5], [7, 10, 9], [8, 10, 42], [9, 10, 7]],
);
