import { describe, expect, it } from 'vitest';
import { lessonById } from './catalog';
import type { LessonView } from './lesson';
import { smallCluster, withAnswer } from './testing';

const step = (id: string) => lessonById('rolling-update')!.steps.find((s) => s.id === id)!;
/** Web pods web-<hash>-<n>: running, or still starting. */
const withWeb = (v: LessonView, pods: readonly [hash: string, running: boolean][]): LessonView => ({
  ...v,
  pods: pods.map(([h, running], i) => ({ name: `web-${h}-${i}`, node: 'worker-1', running, terminating: false })),
});

describe('the rolling-update lesson follows the Pod template by the pods’ hashes', () => {
  it('starts on the one template all web pods run; a new hash is the new ReplicaSet; rolled once every pod runs it', () => {
    const v = smallCluster();
    const one = withWeb(v, [['aaa', true], ['aaa', true], ['aaa', true]]);
    expect(step('set-image').begin(withWeb(v, [['aaa', true], ['aaa', false], ['aaa', true]]), undefined)).toBeUndefined();
    const b = step('set-image').begin(one, undefined)!;
    expect(b.target).toBe('aaa');
    expect(step('set-image').done(one, b)).toBe(false);
    const mixed = withWeb(v, [['aaa', true], ['aaa', true], ['aaa', true], ['bbb', false]]);
    expect(step('set-image').done(mixed, b)).toBe(true);
    expect(step('rolled').done(mixed, b)).toBe(false);
    expect(step('rolled').done(withWeb(v, [['bbb', true], ['bbb', true], ['bbb', false]]), b)).toBe(false);
    expect(step('rolled').done(withWeb(v, [['bbb', true], ['bbb', true], ['bbb', true]]), b)).toBe(true);
  });

  it('paused: a second "image updated" with the pods unchanged; resumed: a new hash; undo: back to the earlier one', () => {
    const v = withAnswer(withWeb(smallCluster(), [['bbb', true], ['bbb', true], ['bbb', true]]), 'deployment.apps/web image updated');
    expect(step('pause').done(v, { target: 'bbb', term: 0 })).toBe(false);
    expect(step('pause').done(withAnswer(v, 'deployment.apps/web paused'), { target: 'bbb', term: 0 })).toBe(true);
    expect(step('pause').done(withAnswer(v, 'error: deployments.apps "web" is already paused', false), { target: 'bbb', term: 0 })).toBe(true);
    const b = step('set-paused').begin(v, { target: 'bbb', term: 0 })!;
    expect(b.count).toBe(1);
    expect(step('set-paused').done(v, b)).toBe(false); // the first set image does not count
    expect(step('set-paused').done(withAnswer(v, 'deployment.apps/web image updated'), b)).toBe(true);
    expect(step('resume').done(withWeb(v, [['bbb', true], ['bbb', true], ['bbb', true], ['ccc', false]]), b)).toBe(true);
    const ccc = withWeb(v, [['ccc', true], ['ccc', true], ['ccc', true]]);
    expect(step('undo').begin(withWeb(v, [['bbb', true], ['ccc', true], ['ccc', true]]), b)).toBeUndefined();
    const u = step('undo').begin(ccc, b)!;
    expect(u).toMatchObject({ target: 'ccc', template: 'bbb' });
    expect(step('undo').done(ccc, u)).toBe(false);
    expect(step('undo').done(withWeb(v, [['bbb', true], ['bbb', true], ['bbb', true]]), u)).toBe(true);
  });
});
