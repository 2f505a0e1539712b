// The names and uids an apiserver makes, from its own seeded stream: generateName's
// five characters (k8s.io/apiserver's names.SimpleNameGenerator alphabet) and
// version-4 UUIDs.

import { KUBE_RAND_ALPHABET } from '../api/admission';

const HEX = '0123456789abcdef';
/** A UUID's text, `x` where a random hex digit goes and `y` the variant's (RFC 4122). */
const UUID_FORM = 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx';
const X = 'x'.charCodeAt(0);
const Y = 'y'.charCodeAt(0);

export class ObjectIds {
  /** A UUID's characters, written in place and made a string once (a string grown a
   * character at a time was a new string per character: 3 MB in 30 s of a 100-worker
   * rollout, an Event's and a pod's uid per create). */
  private readonly chars = new Array<number>(UUID_FORM.length);

  /** `randomInt(n)`: a draw in [0, n) from the apiserver's seeded stream. */
  constructor(private readonly randomInt: (n: number) => number) {}

  // Fields, made once: a create's context passes them on every create.
  readonly randomChars = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += KUBE_RAND_ALPHABET[this.randomInt(KUBE_RAND_ALPHABET.length)];
    return s;
  };

  /** A version-4 UUID: its digits drawn left to right. */
  readonly uid = (): string => {
    const c = this.chars;
    for (let i = 0; i < UUID_FORM.length; i++) {
      const form = UUID_FORM.charCodeAt(i);
      c[i] = form === X ? HEX.charCodeAt(this.randomInt(16)) : form === Y ? HEX.charCodeAt(8 + this.randomInt(4)) : form;
    }
    return String.fromCharCode(...c);
  };
}
