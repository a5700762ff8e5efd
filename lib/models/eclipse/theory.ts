/**
 * The probability that a restarted victim opens all of its outbound
 * connections to the attacker, computed from the contents of its tables
 * after the attack (tried holding the attacker's fresh addresses beside
 * older legitimate ones, new holding trash). This follows the approach of
 * Heilman et al. 2015, section 4 (the per-connection probability of picking
 * an attacker address, with the age bias, multiplied over the outbound
 * connections), but it is derived here from their eq. 1 and 0.9.3's Select
 * and GetChance (select.ts), not transcribed from the paper's section 4
 * formulas, which were not at hand when this was written:
 *
 *   Pr[eclipse] = prod_{omega=0}^{outbound-1} A_omega / (A_omega + H_omega)
 *
 * where, with P_omega = Pr[tried] of eq. 1 (select.ts),
 *   A_omega = P_omega Q_tried(adv usable) + (1 - P_omega) Q_new(adv usable),
 *   H_omega = h [P_omega Q_tried(legit) + (1 - P_omega) Q_new(legit)],
 * h the chance that a connection to a legitimate address succeeds, and every
 * other outcome (trash, a group already connected, an offline peer) a redraw.
 * Q_T(c) is the probability that Select() on table T returns an address of
 * class c (selectionProbabilities): with class shares s_i (of the first pick,
 * i.e. weighted by 1 / (non-empty buckets * bucket size) in list mode) and
 * chances c_i, the r-th pick (r = 0, 1, ...) is accepted with probability
 * min(1, 1.2^r c_i):
 *
 *   Q(j) = sum_r [prod_{t<r} (1 - sum_i s_i min(1, 1.2^t c_i))] s_j min(1, 1.2^r c_j).
 *
 * The attacker's addresses are spread evenly over its G groups, so after
 * omega connections (all to it, or the product has ended) a share omega / G
 * of its entries lies in groups already used: usable share = s_adv (1 - omega/G).
 *
 * Exact for the simulation (restart.ts) when every pick is a uniform entry
 * (full tables, or the deterministic discipline) and the attacker's groups
 * hold equal numbers of entries (e.g. one address per group); otherwise an
 * approximation. Without the age bias, every chance is 1 and Q = s.
 */
import { CHANCE_FACTOR_GROWTH, freshnessChance } from "./bitcoin-constants";
import { ADVERSARY, LEGIT, TRASH } from "./addresses";
import { EMPTY, type Addrman, type AddrTable } from "./addrman";
import { probabilityTried } from "./select";

export interface SelectionClass {
  share: number;
  chance: number;
}

/** Q(j) for every class j (see the header); the shares need not sum to 1 (they are normalised). */
export function selectionProbabilities(classes: readonly SelectionClass[]): number[] {
  const total = classes.reduce((a, c) => a + c.share, 0);
  const out = classes.map(() => 0);
  if (total <= 0) return out;
  let survive = 1;
  let factor = 1;
  for (let r = 0; r < 10_000 && survive > 1e-300; r++) {
    let accept = 0;
    for (let j = 0; j < classes.length; j++) {
      const p = (classes[j].share / total) * Math.min(1, factor * classes[j].chance);
      out[j] += survive * p;
      accept += p;
    }
    survive *= 1 - accept;
    factor *= CHANCE_FACTOR_GROWTH;
  }
  return out;
}

/** First-pick shares of a table by origin and chance: adversary, trash, and legitimate entries grouped by chance. */
export interface TableComposition {
  count: number;
  adversary: number;
  trash: number;
  /** Legitimate share per chance value. */
  legit: Map<number, number>;
  adversaryGroups: number;
}

export function tableComposition(man: Addrman, table: AddrTable, ageBias: boolean): TableComposition {
  const comp: TableComposition = { count: table.count, adversary: 0, trash: 0, legit: new Map(), adversaryGroups: 0 };
  if (table.count === 0) return comp;
  let nonEmpty = 0;
  for (let b = 0; b < table.buckets; b++) if (table.sizes[b] > 0) nonEmpty++;
  const groups = new Set<number>();
  for (let b = 0; b < table.buckets; b++) {
    const s = table.sizes[b];
    if (s === 0) continue;
    for (let j = 0; j < table.bucketSize; j++) {
      const a = table.slots[b * table.bucketSize + j];
      if (a === EMPTY) continue;
      const w = man.policy.deterministic ? 1 / table.count : 1 / (nonEmpty * s);
      const origin = man.book.origin[a];
      if (origin === ADVERSARY) {
        comp.adversary += w;
        groups.add(man.book.group[a]);
      } else if (origin === TRASH) comp.trash += w;
      else if (origin === LEGIT) {
        const c = ageBias ? freshnessChance(man.book.ageS[a]) : 1;
        comp.legit.set(c, (comp.legit.get(c) ?? 0) + w);
      }
    }
  }
  comp.adversaryGroups = groups.size;
  return comp;
}

export interface EclipseTheoryInput {
  tried: TableComposition;
  new: TableComposition;
  /** Groups the attacker's addresses are spread over. */
  groups: number;
  outbound: number;
  honestOnline: number;
  /** Chance of the attacker's and trash addresses (fresh timestamps: 1). */
  freshChance?: number;
}

/** Q(adversary usable), Q(legit) on one table with a usable share u of the adversary's entries. */
function tableOutcome(comp: TableComposition, usable: number, fresh: number): { adv: number; legit: number } {
  if (comp.count === 0) return { adv: 0, legit: 0 };
  const classes: SelectionClass[] = [
    { share: comp.adversary * usable, chance: fresh },
    { share: comp.adversary * (1 - usable), chance: fresh },
    { share: comp.trash, chance: fresh },
  ];
  for (const [chance, share] of comp.legit) classes.push({ share, chance });
  const q = selectionProbabilities(classes);
  let legit = 0;
  for (let j = 3; j < q.length; j++) legit += q[j];
  return { adv: q[0], legit };
}

/** The per-connection probabilities p_omega and their product (see the header). */
export function eclipseProbabilityTheory(input: EclipseTheoryInput): { perConnection: number[]; probability: number } {
  const fresh = input.freshChance ?? 1;
  const per: number[] = [];
  let prob = 1;
  for (let omega = 0; omega < input.outbound; omega++) {
    const usable = input.groups > 0 ? Math.max(0, 1 - omega / input.groups) : 0;
    const pt = probabilityTried(input.tried.count, input.new.count, omega);
    const t = tableOutcome(input.tried, usable, fresh);
    const n = tableOutcome(input.new, usable, fresh);
    const A = pt * t.adv + (1 - pt) * n.adv;
    const H = input.honestOnline * (pt * t.legit + (1 - pt) * n.legit);
    const p = A + H > 0 ? A / (A + H) : 0;
    per.push(p);
    prob *= p;
  }
  return { perConnection: per, probability: prob };
}
