// Inside a stacked master: kube-apiserver's link to the etcd member below it, the one
// link to etcd on the card. Requests go down, answers and watch events come back up; an
// arrow flashes in its message colour (the legend's) when such a packet passes. Those
// packets go from the machine to itself, so no dot between cards could show them.

import { memo, useEffect, useRef } from 'react';
import { PACKET_STYLES } from '../graph/packetKinds';
import { labStore, useLab } from '../store/store';
import { localEtcdTraffic } from './etcd-traffic';

/** Long enough to be seen on a projector, short enough that sparse traffic blinks. */
const FLASH_MS = 650;
/** How long of that the arrow is lit: then dark as long, so steady traffic blinks. */
export const LIT_MS = 325;

/** Flashing arrows, and when each one's flash ends (lit for its first LIT_MS). */
const flashUntil = new Map<HTMLElement, number>();
/** How long past LIT_MS a lit arrow waits for a store update to go dark with before a
 * timer does it (paused: no frames come). */
const DARK_LATE_MS = 150;

/** Flashes an arrow: a copy of it in the message colour (`.flow-flash`, laid over the
 * resting arrow) is lit for LIT_MS, then dark until the next flash may start. A class
 * switched on and off, not an animation: a fading opacity was meant for the compositor,
 * but Chromium ran it on the main thread (a style recalculation of the flash on every
 * animation frame while etcd traffic flowed, i.e. always: 290 in 3 s at 30 workers, from
 * a trace with invalidation tracking); a lit class costs two style passes per flash.
 * Both switches come with a store update (a data frame) whenever one comes in time, so
 * the animation frames between data frames have nothing to style or paint. */
function flash(el: HTMLElement | null, now: number): void {
  // One flash at a time: steady traffic reads as steady blinking, not a stuck colour.
  if (!el || now < (flashUntil.get(el) ?? 0)) return;
  flashUntil.set(el, now + FLASH_MS);
  el.classList.add('lit');
  setTimeout(darken, LIT_MS + DARK_LATE_MS);
}

/** Arrows past their LIT_MS go dark; flashes over are forgotten. */
function darken(now = performance.now()): void {
  for (const [el, until] of flashUntil) {
    if (now >= until - FLASH_MS + LIT_MS) el.classList.remove('lit');
    if (now >= until) flashUntil.delete(el);
  }
}

export const ApiEtcdArrow = memo(function ApiEtcdArrow({ host }: { host: string }) {
  const up = useLab((s) => s.machines[host]?.status === 'up');
  const removed = useLab((s) => s.lastEtcd[host]?.removed === true);
  const live = up && !removed;
  const down = useRef<HTMLSpanElement>(null);
  const back = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    // Outside React, like the message dots: a frame with traffic must not re-render.
    let last = -1;
    return labStore.subscribe((s, prev) => {
      const now = performance.now();
      darken(now);
      if (s.packets === prev.packets) return;
      const t = localEtcdTraffic(s.packets, host, last);
      last = t.last;
      if (t.request) flash(down.current, now);
      if (t.answer) flash(back.current, now);
    });
  }, [host]);

  const says = removed
    ? 'this etcd member was removed: the apiserver has no etcd to talk to'
    : 'kube-apiserver is the only client of etcd: requests go down, answers and watch events come back up. The scheduler, the controllers and every kubelet go through the apiserver.';
  return (
    <div className={`api-etcd-arrow${live ? '' : ' dead'}`} data-testid={`api-etcd-arrow-${host}`} data-live={String(live)} role="img" aria-label={says} title={says}>
      <span className="flow flow-down">
        <span className="shaft" /><span className="head" />
        <span className="flow-flash" ref={down} style={{ color: PACKET_STYLES.request.color }}><span className="shaft" /><span className="head" /></span>
      </span>
      <span className="flow flow-up">
        <span className="head" /><span className="shaft" />
        <span className="flow-flash" ref={back} style={{ color: PACKET_STYLES.reply.color }}><span className="head" /><span className="shaft" /></span>
      </span>
      <span className="api-etcd-label">only etcd client</span>
    </div>
  );
});
