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

/** Per arrow: when its flash ends, and its resting colour (read once per class list:
 * getAnimations() and getComputedStyle() each force a style pass, which cost 9 % of the
 * main thread at 30 workers when asked every frame). */
const flashes = new WeakMap<HTMLElement, { until: number; base: string; cls: string }>();

function flash(el: HTMLElement | null, colour: string, still: boolean): void {
  if (!el) return;
  const now = performance.now();
  let f = flashes.get(el);
  // One flash at a time: steady traffic reads as steady blinking, not a stuck colour.
  if (f && now < f.until) return;
  const cls = el.parentElement?.className ?? '';
  if (!f || f.cls !== cls) f = { until: 0, base: getComputedStyle(el).color, cls };
  f.until = now + FLASH_MS;
  flashes.set(el, f);
  const base = f.base;
  el.animate(
    still ? [{ color: colour }, { color: base }] : [{ color: colour, transform: 'scaleX(1.45)' }, { color: base, transform: 'scaleX(1)' }],
    { duration: FLASH_MS, easing: 'ease-out' },
  );
}

export const ApiEtcdArrow = memo(function ApiEtcdArrow({ host }: { host: string }) {
  const up = useLab((s) => s.machines[host]?.status === 'up');
  const removed = useLab((s) => s.lastEtcd[host]?.removed === true);
  const live = up && !removed;
  const down = useRef<HTMLSpanElement>(null);
  const back = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    // Outside React, like the message dots: a frame with traffic must not re-render.
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    let last = -1;
    return labStore.subscribe((s, prev) => {
      if (s.packets === prev.packets) return;
      const t = localEtcdTraffic(s.packets, host, last);
      last = t.last;
      if (t.request) flash(down.current, PACKET_STYLES.request.color, still);
      if (t.answer) flash(back.current, PACKET_STYLES.reply.color, still);
    });
  }, [host]);

  const says = removed
    ? 'this etcd member was removed: the apiserver has no etcd to talk to'
    : 'kube-apiserver is the only client of etcd: requests go down, answers and watch events come back up. The scheduler, the controllers and every kubelet go through the apiserver.';
  return (
    <div className={`api-etcd-arrow${live ? '' : ' dead'}`} data-testid={`api-etcd-arrow-${host}`} data-live={String(live)} role="img" aria-label={says} title={says}>
      <span className="flow flow-down" ref={down}><span className="shaft" /><span className="head" /></span>
      <span className="flow flow-up" ref={back}><span className="head" /><span className="shaft" /></span>
      <span className="api-etcd-label">only etcd client</span>
    </div>
  );
});
