// How fast the cluster really runs. Every lockstep window is a round trip to the
// machine workers, so at high speeds the browser cannot keep up; rather than let the
// speed menu promise what it cannot deliver, say the measured rate.

import { useEffect, useState } from 'react';
import { labStore } from '../store/store';

const SAMPLE_MS = 1000;

/** Measured sim-ms per wall-ms over the last second, or undefined while paused. */
export function useEffectiveRate(): number | undefined {
  const [rate, setRate] = useState<number | undefined>(undefined);
  useEffect(() => {
    let last = { wall: performance.now(), sim: labStore.getState().now };
    const id = setInterval(() => {
      const s = labStore.getState();
      const wall = performance.now();
      setRate(s.playing && !s.finished ? (s.now - last.sim) / (wall - last.wall) : undefined);
      last = { wall, sim: s.now };
    }, SAMPLE_MS);
    return () => clearInterval(id);
  }, []);
  return rate;
}

export function EffectiveRate({ requested }: { readonly requested: number }) {
  const rate = useEffectiveRate();
  if (rate === undefined) return null;
  // Show it at "max", or when the run is clearly slower than asked.
  if (requested !== 0 && rate >= requested * 0.8) return null;
  const text = rate >= 10 ? Math.round(rate).toString() : rate.toFixed(1);
  return (
    <span className="effective-rate" data-testid="effective-rate" title="Measured speed: each step is a round trip to every machine's worker, so very high speeds are limited by the browser.">
      ≈ {text}×
    </span>
  );
}
