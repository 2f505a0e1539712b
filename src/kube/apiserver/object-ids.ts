// The names and uids an apiserver makes, from its own seeded stream: generateName's
// five characters (k8s.io/apiserver's names.SimpleNameGenerator alphabet) and
// version-4 UUIDs.

import { KUBE_RAND_ALPHABET } from '../api/admission';

export class ObjectIds {
  /** `randomInt(n)`: a draw in [0, n) from the apiserver's seeded stream. */
  constructor(private readonly randomInt: (n: number) => number) {}

  // Fields, made once: a create's context passes them on every create.
  readonly randomChars = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += KUBE_RAND_ALPHABET[this.randomInt(KUBE_RAND_ALPHABET.length)];
    return s;
  };

  /** A version-4 UUID. */
  readonly uid = (): string => `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.randomInt(4)]}${this.hex(3)}-${this.hex(12)}`;

  private hex(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[this.randomInt(16)];
    return s;
  }
}
