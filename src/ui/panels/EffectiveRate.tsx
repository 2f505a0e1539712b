// How fast the cluster really runs. At high speeds the browser may not keep up; rather
// than let the speed menu promise what it cannot deliver, say the measured rate,
// smoothed over a few seconds.

import { useEffect, useState } from 'react';
import { labStore, useLab } from '../store/store';
import { RateMeter } from './rate-meter';

/** Sampled twice a second, the rate taken over the last few seconds (rate-meter.ts). */
const SAMPLE_MS = 500;

/** Measured sim-ms per wall-ms over the last seconds, or undefined while paused. */
export function useEffectiveRate(): number | undefined {
  const [rate, setRate] = useState<number | undefined>(undefined);
  useEffect(() => {
    const meter = new RateMeter();
    const id = setInterval(() => {
      const s = labStore.getState();
      // Slowed on purpose (election slow motion): measure afresh once it is over.
      if (!s.playing || s.finished || s.slowMotion?.active) {
        meter.reset();
        setRate(undefined);
      } else setRate(meter.sample(performance.now(), s.now));
    }, SAMPLE_MS);
    return () => clearInterval(id);
  }, []);
  return rate;
}

export function EffectiveRate({ requested }: { readonly requested: number }) {
  const rate = useEffectiveRate();
  // Election slow motion slows the run on purpose, and the clock says so already.
  const slowed = useLab((s) => s.slowMotion?.active !== undefined);
  if (rate === undefined || slowed) return null;
  // Show it at "max", or when the run is clearly slower than asked.
  if (requested !== 0 && rate >= requested * 0.8) return null;
  const text = rate >= 10 ? Math.round(rate).toString() : rate.toFixed(1);
  return (
    <span className="effective-rate" data-testid="effective-rate" title="Measured speed over the last few seconds: very high speeds are limited by the browser.">
      ≈ {text}×
    </span>
  );
}
