// A recording in a link (issue 11, Share): the scenario file's text, compressed, in the
// URL's fragment (`#rec=…`), so it never reaches a server and survives being pasted.
// zlib's deflate (CompressionStream 'deflate': built into browsers and Node, no
// dependency) rather than raw deflate: its Adler-32 checksum tells a damaged or tampered
// link from a good one instead of replaying whatever the damage inflates to. The text is
// base64url (RFC 4648 §5: no padding, nothing a URL needs to escape).

/** The fragment's key: `#rec=<base64url of the zlib-deflated scenario text>`. */
export const SHARE_KEY = 'rec';

export async function encodeRecording(text: string): Promise<string> {
  const bytes = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate'));
  return toBase64Url(bytes);
}

export type Decoded = { readonly text: string } | { readonly error: string };

/** The scenario text a link's payload carries, or what is wrong with the link. */
export async function decodeRecording(payload: string): Promise<Decoded> {
  const bad = /[^A-Za-z0-9_-]/.exec(payload);
  if (bad) return { error: `the link is damaged: character ${bad.index + 1} of the recording after #${SHARE_KEY}= is "${bad[0]}", which a share link never has (expected only A–Z, a–z, 0–9, - and _)` };
  if (payload.length === 0) return { error: `the link is damaged: nothing after #${SHARE_KEY}=` };
  const bytes = fromBase64Url(payload);
  if (!bytes) return { error: `the link is damaged: its recording (${payload.length} characters after #${SHARE_KEY}=) was cut short; copy the whole link` };
  let inflated: Uint8Array;
  try {
    inflated = await pipe(bytes, new DecompressionStream('deflate'));
  } catch {
    return { error: `the link is damaged or was changed: its recording (${payload.length} characters after #${SHARE_KEY}=) does not decompress, or fails its checksum; copy the whole link again` };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { error: 'the link is damaged: its recording is not text (expected a scenario file in UTF-8)' };
  }
}

/** The payload of a location's fragment, when it carries a recording. */
export function recordingPayload(hash: string): string | undefined {
  const m = new RegExp(`^#${SHARE_KEY}=(.*)$`, 's').exec(hash);
  return m ? m[1] : undefined;
}

/** The link that opens `payload`: this page with its query, the recording as fragment. */
export function shareLink(href: string, payload: string): string {
  const url = new URL(href);
  url.hash = `${SHARE_KEY}=${payload}`;
  return url.toString();
}

async function pipe(input: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([input as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** undefined for a length no encoding gives (one character left over). */
function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const c of text) {
    acc = (acc << 6) | ALPHABET.indexOf(c);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
