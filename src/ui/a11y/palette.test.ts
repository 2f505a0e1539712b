import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closestPair, contrastOnWhite, packetColours, ROLE_COLOURS, TEXT_COLOURS, VISIONS } from './palette';

const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

describe('the palette under colour-vision deficiencies (Machado 2009 simulation)', () => {
  it('ROLE_COLOURS and TEXT_COLOURS are the colours styles.css declares', () => {
    const declared = (name: string) => new RegExp(`--${name}: (#[0-9a-f]{6})`, 'i').exec(css)?.[1]?.toLowerCase();
    for (const [name, hex] of Object.entries(TEXT_COLOURS)) expect(declared(name), name).toBe(hex);
  });

  it('every text colour reads on white at WCAG AA (4.5:1)', () => {
    for (const [name, hex] of Object.entries(TEXT_COLOURS)) expect(contrastOnWhite(hex), name).toBeGreaterThanOrEqual(4.5);
  });

  it('role colours stay apart for every vision (ΔE76 ≥ 10; roles also differ by word, symbol, border)', () => {
    for (const v of VISIONS) expect(closestPair(ROLE_COLOURS, v).deltaE, v).toBeGreaterThanOrEqual(10);
  });

  it('message colours stay distinguishable for every vision (ΔE76 ≥ 5; kinds also differ by shape)', () => {
    for (const v of VISIONS) expect(closestPair(packetColours(), v).deltaE, v).toBeGreaterThanOrEqual(5);
  });

  it('the simulation is not the identity: protanopia merges red and green', () => {
    expect(closestPair({ red: '#ff0000', green: '#00a000' }, 'protanopia').deltaE).toBeLessThan(closestPair({ red: '#ff0000', green: '#00a000' }, 'normal').deltaE / 3);
  });
});
