// Key ranges as the v3 API states them: [key, rangeEnd), with the prefix form the
// client builds. Shared by the server's MVCC store and every client.

/** The rangeEnd that selects every key with this prefix (clientv3.GetPrefixRangeEnd). */
export function prefixEnd(prefix: string): string {
  if (prefix === '') return '\0';
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}
