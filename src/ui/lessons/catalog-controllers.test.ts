import { describe, expect, it } from 'vitest';
import { lessonById } from './catalog';
import { smallCluster, withAnswer } from './testing';

const step = (id: string) => lessonById('controller-loops')!.steps.find((s) => s.id === id)!;
const b = { target: '', term: 0 };

describe('the controller loops lesson’s service account steps', () => {
  it('a namespace created (or there already), its default ServiceAccount seen, a token issued', () => {
    const v = smallCluster();
    expect(step('namespace').done(v, b)).toBe(false);
    expect(step('namespace').done(withAnswer(v, 'namespace/demo created'), b)).toBe(true);
    expect(step('namespace').done(withAnswer(v, 'Error from server (AlreadyExists): namespaces "demo" already exists', false), b)).toBe(true);
    expect(step('namespace').showMe(b)).toMatchObject([{ type: 'console', line: 'kubectl create namespace demo' }]);

    expect(step('service-account').done(withAnswer(v, 'No resources found in demo namespace.'), b)).toBe(false);
    expect(step('service-account').done(withAnswer(v, 'NAME      SECRETS   AGE\ndefault   0         0s'), b)).toBe(true);

    expect(step('token').done(withAnswer(v, 'error: failed to create token: serviceaccounts "nobody" not found', false), b)).toBe(false);
    expect(step('token').done(withAnswer(v, 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOlsiaHR0cHMiXX0.c2lnbmF0dXJl'), b)).toBe(true);
  });
});
