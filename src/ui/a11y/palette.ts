// The palette under the common colour-vision deficiencies: each colour converted
// through Machado, Oliveira & Fernandes (2009)'s severity-1.0 matrices (protanopia,
// deuteranopia, tritanopia; applied in linear sRGB), then compared in CIELAB (ΔE76) and
// by WCAG contrast. Pure; `scripts/palette-cvd.ts` prints the table the README quotes
// and palette.test.ts holds the palette to it.

import { PACKET_STYLES, type PacketClass } from '../graph/packetKinds';

export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';
export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

type Matrix = readonly [readonly number[], readonly number[], readonly number[]];
const MACHADO_2009: Readonly<Record<Exclude<Vision, 'normal'>, Matrix>> = {
  protanopia: [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
  deuteranopia: [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.01182, 0.04294, 0.968881]],
  tritanopia: [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.3089]],
};

/** The members' role colours, as styles.css's :root declares them (palette.test.ts
 * holds the two together). Each role also has its word, symbol and border style. */
export const ROLE_COLOURS: Readonly<Record<string, string>> = {
  leader: '#8a5600', candidate: '#7f2a00', precandidate: '#9d3b7f', follower: '#0b5394', down: '#666666',
};

/** Every colour used for text on white: the roles, plus muted, ok and error text. */
export const TEXT_COLOURS: Readonly<Record<string, string>> = { ...ROLE_COLOURS, muted: '#555555', ok: '#0b6e4f', err: '#b42318' };

type Rgb = readonly [number, number, number];

function hexToLinear(hex: string): Rgb {
  const n = parseInt(hex.replace('#', ''), 16);
  const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return [c[0]!, c[1]!, c[2]!];
}

/** The colour as a viewer with `vision` sees it, in linear sRGB (clamped to 0…1). */
export function simulate(hex: string, vision: Vision): Rgb {
  const rgb = hexToLinear(hex);
  if (vision === 'normal') return rgb;
  const m = MACHADO_2009[vision];
  const out = m.map((row) => Math.min(1, Math.max(0, row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2])));
  return [out[0]!, out[1]!, out[2]!];
}

function luminance(c: Rgb): number {
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/** WCAG 2 contrast ratio of `hex` (as `vision` sees it) against white. */
export function contrastOnWhite(hex: string, vision: Vision = 'normal'): number {
  return 1.05 / (luminance(simulate(hex, vision)) + 0.05);
}

function lab(c: Rgb): Rgb {
  const x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
  const y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  const z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference of two colours as `vision` sees them (≈ 2.3: just noticeable). */
export function deltaE(a: string, b: string, vision: Vision): number {
  const p = lab(simulate(a, vision));
  const q = lab(simulate(b, vision));
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The closest pair of a set of colours under `vision`. */
export function closestPair(colours: Readonly<Record<string, string>>, vision: Vision): { a: string; b: string; deltaE: number } {
  const names = Object.keys(colours);
  let best = { a: '', b: '', deltaE: Number.POSITIVE_INFINITY };
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const d = deltaE(colours[names[i]!]!, colours[names[j]!]!, vision);
      if (d < best.deltaE) best = { a: names[i]!, b: names[j]!, deltaE: d };
    }
  }
  return best;
}

/** The message colours the graph draws (the catch-all "other" left out). */
export function packetColours(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(PACKET_STYLES) as [PacketClass, { color: string }][]) if (k !== 'other') out[k] = s.color;
  return out;
}
