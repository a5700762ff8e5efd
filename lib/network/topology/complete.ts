/** The complete graph K_n: every pair of nodes linked (n (n - 1) / 2 edges). */
import { checkNodes, graphFromEdges, type Graph } from "../graph";

export function completeGraph(n: number): Graph {
  checkNodes(n, 1);
  const m = (n * (n - 1)) / 2;
  if (m > 5e7) throw new RangeError(`complete graph on ${n} nodes has ${m} edges (limit 5e7)`);
  const a = new Int32Array(m);
  const b = new Int32Array(m);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      a[e] = i;
      b[e++] = j;
    }
  }
  return graphFromEdges(n, a, b);
}
