/**
 * A measured or hand-made topology from an edge list: one edge per line,
 * two node ids separated by whitespace, a comma or a tab ("a b", "a,b",
 * "a\tb"). Lines starting with '#' and blank lines are skipped; a first line
 * whose fields are not numbers is taken as a header. Extra fields (weights)
 * are ignored. Node ids are integers from 0; the node count is the largest
 * id + 1 unless given. Duplicates and self-loops are merged/dropped.
 */
import { readFileSync } from "node:fs";
import { ParameterError } from "../../experiment/params";
import { graphFromEdges, type Graph } from "../graph";

export function parseEdgeList(text: string, nodes?: number): Graph {
  const from: number[] = [];
  const to: number[] = [];
  const lines = text.split(/\r?\n/);
  let maxId = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const fields = line.split(/[\s,]+/);
    const a = Number(fields[0]);
    const b = Number(fields[1]);
    const ok = fields.length >= 2 && Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0;
    if (!ok) {
      if (from.length === 0 && i === firstContentLine(lines) && Number.isNaN(a) && Number.isNaN(b)) continue; // header
      throw new ParameterError("edge list", line, `two non-negative integer node ids per line (line ${i + 1})`);
    }
    from.push(a);
    to.push(b);
    if (a > maxId) maxId = a;
    if (b > maxId) maxId = b;
  }
  const n = nodes ?? maxId + 1;
  if (n < 1) throw new ParameterError("edge list", "(empty)", "at least one edge or a node count");
  if (maxId >= n) throw new ParameterError("nodes", n, `more than the largest node id in the edge list (${maxId})`);
  return graphFromEdges(n, from, to);
}

export function readEdgeList(path: string, nodes?: number): Graph {
  return parseEdgeList(readFileSync(path, "utf8"), nodes);
}

function firstContentLine(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t !== "" && !t.startsWith("#")) return i;
  }
  return -1;
}
