// A count as en-US writes it ("1,234"), without Intl. Number.prototype.toLocaleString
// builds an ICU number formatter, and the first one in a page loads ICU's locale data:
// measured at 30 workers (scripts/long-frames.ts --profile), the Pending tray's first
// count cost 31 ms of main thread, inside a frame's render, when the rollout's first
// pods appeared (issue 14: no long task over 50 ms). A count needs only its digits
// grouped by three.

/** `n` (an integer) with commas between groups of three digits, as
 * `n.toLocaleString('en-US')` writes it. */
export function countText(n: number): string {
  const digits = String(Math.abs(Math.trunc(n)));
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? `,${out}` : '');
  return n < 0 ? `-${out}` : out;
}
