// etcdctl's output helpers: its -w table layout and its byte sizes.

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const center = (s: string, w: number) => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const head = `|${header.map((h, i) => ` ${center(h, widths[i]!)} `).join('|')}|`;
  const body = rows.map((r) => `|${r.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('|')}|`);
  return [line, head, line, ...body, line].join('\n');
}

/** Bytes as etcdctl prints them (go-humanize: 1000-based). */
export function humanBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1_000_000).toFixed(1)} MB`;
}
