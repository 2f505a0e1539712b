// Which side of a network split each machine is on, from the frame's cut links
// ("a>b", directed). Two machines are on the same side when a path of links, each
// uncut both ways, joins them. A machine is cut off (isolated) only when every link to
// every other machine is cut; one cut link does not make it so. Pure.

export interface Sides {
  /** Side number per machine (0 = the largest side); empty when the network is whole. */
  readonly side: Readonly<Record<string, number>>;
  /** Machines with every link cut. */
  readonly isolated: readonly string[];
}

export const WHOLE: Sides = { side: {}, isolated: [] };

export function sidesOf(names: readonly string[], cut: readonly string[]): Sides {
  if (cut.length === 0 || names.length < 2) return WHOLE;
  const cutSet = new Set(cut);
  const linked = (a: string, b: string) => !cutSet.has(`${a}>${b}`) && !cutSet.has(`${b}>${a}`);
  const isolated = names.filter((a) => names.every((b) => a === b || (cutSet.has(`${a}>${b}`) && cutSet.has(`${b}>${a}`))));
  const comp = new Map<string, number>();
  const groups: string[][] = [];
  for (const start of names) {
    if (comp.has(start)) continue;
    const group: string[] = [];
    const stack = [start];
    comp.set(start, -1);
    while (stack.length > 0) {
      const a = stack.pop()!;
      group.push(a);
      for (const b of names) if (!comp.has(b) && linked(a, b)) { comp.set(b, -1); stack.push(b); }
    }
    groups.push(group);
  }
  if (groups.length < 2) return { side: {}, isolated };
  // Largest side first (ties: the side holding the first name in order), so colours
  // do not swap from frame to frame.
  const order = groups.map((g, i) => ({ g, i })).sort((x, y) => y.g.length - x.g.length || x.i - y.i);
  const side: Record<string, number> = {};
  order.forEach(({ g }, k) => { for (const n of g) side[n] = k; });
  return { side, isolated };
}

let lastNames: readonly string[] | undefined;
let lastCut: readonly string[] | undefined;
let lastSides: Sides = WHOLE;

/** sidesOf, remembered for the store's shared arrays (every card asks each frame). */
export function sharedSides(names: readonly string[], cut: readonly string[]): Sides {
  if (names !== lastNames || cut !== lastCut) {
    lastNames = names;
    lastCut = cut;
    lastSides = sidesOf(names, cut);
  }
  return lastSides;
}
