// Prints the palette under protanopia, deuteranopia and tritanopia (src/ui/a11y/palette.ts):
// the closest pair of message colours and of role colours (ΔE76), and the weakest role
// colour's contrast on white. `npx tsx scripts/palette-cvd.ts`; README's Accessibility
// section quotes it.

import { closestPair, contrastOnWhite, packetColours, ROLE_COLOURS, TEXT_COLOURS, VISIONS } from '../src/ui/a11y/palette';

const packets = packetColours();
console.log('vision        | closest message colours (ΔE) | closest role colours (ΔE) | weakest text contrast on white');
for (const v of VISIONS) {
  const p = closestPair(packets, v);
  const r = closestPair(ROLE_COLOURS, v);
  const weakest = Object.entries(TEXT_COLOURS).map(([k, c]) => ({ k, c: contrastOnWhite(c, v) })).sort((a, b) => a.c - b.c)[0]!;
  console.log(`${v.padEnd(13)} | ${`${p.a} / ${p.b}`.padEnd(20)} ${p.deltaE.toFixed(1).padStart(5)} | ${`${r.a} / ${r.b}`.padEnd(18)} ${r.deltaE.toFixed(1).padStart(5)} | ${weakest.k} ${weakest.c.toFixed(2)}:1`);
}
