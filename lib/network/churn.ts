/**
 * Node churn: nodes go offline and come back. An offline node neither sends
 * nor receives (messages that arrive while it is offline are dropped) and
 * does not take part in the model (e.g. does not mine).
 *
 * Two ways to say who is offline when:
 *   rates     sessions and offline periods alternate with exponential lengths
 *             (means meanSessionS, meanOfflineS), the alternating renewal
 *             model of peer-to-peer churn studies (e.g. Stutzbach & Rejaie,
 *             "Understanding churn in peer-to-peer networks", IMC 2006, who
 *             measure the session-length distributions it approximates);
 *   schedule  explicit offline intervals [fromS, toS) per node.
 */
import { ParameterError } from "../experiment/params";

export interface ChurnRates {
  readonly kind: "rates";
  readonly meanSessionS: number;
  readonly meanOfflineS: number;
  /** Nodes that churn (default: all). */
  readonly nodes?: ArrayLike<number>;
  /** Start in the stationary state (offline with probability off / (on + off)); default true. */
  readonly stationaryStart?: boolean;
}

export interface OfflineInterval {
  readonly node: number;
  readonly fromS: number;
  readonly toS: number;
}

export interface ChurnSchedule {
  readonly kind: "schedule";
  readonly intervals: readonly OfflineInterval[];
}

export type Churn = ChurnRates | ChurnSchedule;

export function validateChurn(churn: Churn, nodes: number): void {
  if (churn.kind === "rates") {
    if (!(churn.meanSessionS > 0 && Number.isFinite(churn.meanSessionS))) throw new ParameterError("meanSessionS", churn.meanSessionS, "a finite number > 0");
    if (!(churn.meanOfflineS > 0 && Number.isFinite(churn.meanOfflineS))) throw new ParameterError("meanOfflineS", churn.meanOfflineS, "a finite number > 0");
    for (const v of Array.from(churn.nodes ?? [])) checkNode(v, nodes);
    return;
  }
  const byNode = new Map<number, OfflineInterval[]>();
  for (const iv of churn.intervals) {
    checkNode(iv.node, nodes);
    if (!(iv.fromS >= 0 && iv.toS > iv.fromS)) throw new ParameterError("offline interval", `${iv.node}: [${iv.fromS}, ${iv.toS})`, "0 <= fromS < toS");
    const list = byNode.get(iv.node) ?? [];
    list.push(iv);
    byNode.set(iv.node, list);
  }
  for (const [node, list] of byNode) {
    list.sort((x, y) => x.fromS - y.fromS);
    for (let i = 1; i < list.length; i++) {
      if (list[i].fromS < list[i - 1].toS) throw new ParameterError("offline interval", `${node}: [${list[i].fromS}, ${list[i].toS})`, `no overlap with [${list[i - 1].fromS}, ${list[i - 1].toS})`);
    }
  }
}

function checkNode(v: number, nodes: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= nodes) throw new ParameterError("node", v, `an integer, 0 <= node < nodes = ${nodes}`);
}
