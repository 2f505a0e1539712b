// Sizes the apiserver bounds, counted as Go counts them (bytes of UTF-8, decoded
// base64), for validation.ts.

/** TotalAnnotationSizeLimitB: 256 KiB. */
export const MAX_ANNOTATION_BYTES = 256 * 1024;
/** MaxSecretSize, which ConfigMaps share: 1 MiB, so an object fits in one etcd request. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Bytes of a string in UTF-8, as Go's len() counts them. */
export function utf8Length(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Secret data is base64 on the wire; its size is the decoded bytes'. */
export const base64Bytes = (v: string): number => Math.floor((v.replace(/=+$/, '').length * 3) / 4);
