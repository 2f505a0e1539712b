// Where a message dot is, as a function of the sim clock (issue 11: paused is frozen, a
// Step moves the dots by what it ran, slow speeds make them crawl). Real latencies (2–10
// ms) are far too short to see at 1×, so a dot's drawn flight is its latency stretched
// to at least MIN_TRAVEL_WALL_MS of wall time at the rate the run went when it was sent;
// at slow-motion speeds the stretch vanishes and a dot flies exactly as the packet does.

import type { PacketView } from '../../protocol/frames';

/** Shortest time a dot takes to cross its edge, wall ms, at the rate it was sent at. */
export const MIN_TRAVEL_WALL_MS = 650;

/** Sim ms a dot takes from its sender to its receiver: the packet's latency, or longer
 * so it is on screen for MIN_TRAVEL_WALL_MS at `rate` (sim ms per wall ms; 0 when the
 * run is paused: a packet a Step sent is drawn at its true position). */
export function drawnFlightMs(p: Pick<PacketView, 'sentAt' | 'deliverAt'>, rate: number): number {
  return Math.max(1, p.deliverAt - p.sentAt, MIN_TRAVEL_WALL_MS * rate);
}

/** The rate a dot's stretch is computed at: the rate when it was sent, or the rate the
 * run goes now when that is lower (slow motion began: a dot stretched at 1× arrived
 * long ago, and would otherwise crawl across the screen for a minute among the messages
 * really in flight). Paused (0) changes nothing: paused is frozen. */
export function stretchRate(sentRate: number, nowRate: number): number {
  return nowRate > 0 ? Math.min(sentRate, nowRate) : sentRate;
}

/** How far along its edge (0 at the sender, 1 at the receiver) a dot is at sim time
 * `clock`; below 0 the clock went back (a seek) and past 1 it has arrived: not drawn. */
export function flightProgress(sentAt: number, flightMs: number, clock: number): number {
  return (clock - sentAt) / flightMs;
}
