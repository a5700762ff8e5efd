/**
 * The restart-based eclipse attack of Heilman, Kendler, Zohar & Goldberg
 * (USENIX Security 2015, section 3), as one Monte Carlo replicate:
 *
 * 1. The victim's tables before the attack: `triedLegit` legitimate
 *    addresses moved to tried and `newLegit` heard of into new, each in a
 *    uniform random /16 group, their timestamps `honestAgeS` old at the
 *    restart.
 * 2. The attack, in `attackRounds` rounds: each of the attacker's
 *    `attackerAddresses` addresses (spread evenly over `attackerGroups`
 *    groups) connects to the victim, which moves it to tried (0.9.3 adds the
 *    addresses of incoming connections to tried); and the attacker sends
 *    `trashAddresses` unroutable addresses (uniform groups, fresh
 *    timestamps) as ADDR messages from its groups, which go to new. With
 *    feeler connections (countermeasure 4: one every 2 minutes,
 *    src/net.h FEELER_INTERVAL), `attackHours * 30` feelers spread over the
 *    rounds each test a uniform new entry and move it to tried if it answers.
 * 3. `restarts` independent restarts on the tables so poisoned
 *    (restart.ts), each opening `outbound` connections; and the analysis
 *    (theory.ts) of the same tables.
 *
 * Random streams (children of the replicate's rng): "groups" (groups of the
 * legitimate and trash addresses), "addrman" (the table key, evictions),
 * "probe" (online answers to test-before-evict and feelers), "restart".
 */
import type { Rng } from "../../random/seed";
import { ADVERSARY, AddressBook, LEGIT, TRASH } from "./addresses";
import { Addrman, type AddrmanPolicy } from "./addrman";
import { restartVictim } from "./restart";
import { eclipseProbabilityTheory, tableComposition, type TableComposition } from "./theory";
import { FEELER_INTERVAL_S } from "./bitcoin-constants";

export interface EclipseScenario {
  policy: AddrmanPolicy;
  ageBias: boolean;
  feelers: boolean;
  anchors: number;
  outbound: number;
  triedLegit: number;
  newLegit: number;
  honestAgeS: number;
  honestOnline: number;
  attackerAddresses: number;
  attackerGroups: number;
  attackRounds: number;
  trashAddresses: number;
  attackHours: number;
  restarts: number;
}

export interface EclipseResult {
  eclipsed: number;
  restarts: number;
  stuck: number;
  meanAdversaryConnections: number;
  meanDraws: number;
  theory: number;
  perConnectionTheory: number[];
  tried: TableComposition;
  new: TableComposition;
  triedCount: number;
  newCount: number;
  adversaryInTried: number;
  legitInTried: number;
  feelerPromotions: number;
  triedEvictions: number;
  testBeforeEvictKept: number;
}

const GROUPS = 65536;

export function simulateEclipse(s: EclipseScenario, rng: Rng): { result: EclipseResult; man: Addrman } {
  const groupRng = rng.child("groups").fast;
  const probe = rng.child("probe").fast;
  const book = new AddressBook();
  const man = new Addrman(book, s.policy, rng.child("addrman").fast);
  const online = (a: number): boolean => book.origin[a] === ADVERSARY || (book.origin[a] === LEGIT && probe.nextFloat() < s.honestOnline);

  // 1. The honest tables.
  for (let i = 0; i < s.triedLegit; i++) man.markGood(book.add(groupRng.below(GROUPS), LEGIT, s.honestAgeS, groupRng.below(GROUPS)), online);
  for (let i = 0; i < s.newLegit; i++) man.addNew(book.add(groupRng.below(GROUPS), LEGIT, s.honestAgeS, groupRng.below(GROUPS)));

  // 2. The attack. Attacker groups are numbered apart from the uniform ones (GROUPS + j).
  const adv: number[] = [];
  for (let j = 0; j < s.attackerAddresses; j++) adv.push(book.add(GROUPS + (j % s.attackerGroups), ADVERSARY, 0, GROUPS + (j % s.attackerGroups)));
  const feelerTotal = s.feelers ? Math.round((s.attackHours * 3600) / FEELER_INTERVAL_S) : 0;
  let trashSent = 0;
  let feelersDone = 0;
  let promotions = 0;
  for (let r = 0; r < s.attackRounds; r++) {
    for (const a of adv) man.markGood(a, online);
    const trashUntil = Math.round((s.trashAddresses * (r + 1)) / s.attackRounds);
    for (; trashSent < trashUntil; trashSent++) man.addNew(book.add(groupRng.below(GROUPS), TRASH, 0, GROUPS + (trashSent % s.attackerGroups)));
    const feelersUntil = Math.round((feelerTotal * (r + 1)) / s.attackRounds);
    for (; feelersDone < feelersUntil; feelersDone++) {
      const a = man.randomNewEntry();
      if (a >= 0 && book.origin[a] !== TRASH && online(a) && man.markGood(a, online)) promotions++;
    }
  }

  // 3. Restarts and the analysis of the same tables.
  const restartRng = rng.child("restart").fast;
  let eclipsed = 0;
  let stuck = 0;
  let advConn = 0;
  let draws = 0;
  for (let i = 0; i < s.restarts; i++) {
    const o = restartVictim(man, { outbound: s.outbound, ageBias: s.ageBias, honestOnline: s.honestOnline, anchors: s.anchors, maxDraws: 100_000 }, restartRng);
    if (o.eclipsed) eclipsed++;
    if (o.stuck) stuck++;
    advConn += o.adversary;
    draws += o.draws;
  }
  const tried = tableComposition(man, man.tried, s.ageBias);
  const neu = tableComposition(man, man.new, s.ageBias);
  const th = eclipseProbabilityTheory({ tried, new: neu, groups: s.attackerGroups, outbound: s.outbound, honestOnline: s.honestOnline });
  let advTried = 0;
  let legitTried = 0;
  for (const a of man.tried.slots) {
    if (a < 0) continue;
    if (book.origin[a] === ADVERSARY) advTried++;
    else if (book.origin[a] === LEGIT) legitTried++;
  }
  return {
    man,
    result: {
      eclipsed,
      restarts: s.restarts,
      stuck,
      meanAdversaryConnections: advConn / s.restarts,
      meanDraws: draws / s.restarts,
      theory: s.anchors > 0 ? 0 : th.probability,
      perConnectionTheory: th.perConnection,
      tried,
      new: neu,
      triedCount: man.tried.count,
      newCount: man.new.count,
      adversaryInTried: advTried,
      legitInTried: legitTried,
      feelerPromotions: promotions,
      triedEvictions: man.triedEvictions,
      testBeforeEvictKept: man.testBeforeEvictKept,
    },
  };
}
