// The built-in registry's rule for "exists" (see registry.ts) and containerd's texts.

import { describe, expect, it } from 'vitest';
import { normalizeImage, pullImage, tagExists } from './registry';

const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('the built-in image registry', () => {
  it('normalises references as containerd does', () => {
    expect(normalizeImage('nginx').ref).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27').ref).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage(`nginx@${DIGEST}`).ref).toBe(`docker.io/library/nginx@${DIGEST}`);
    expect(normalizeImage('docker.io/nginx').ref).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('index.docker.io/library/nginx:1.27').ref).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('myorg/app').ref).toBe('docker.io/myorg/app:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toEqual({ ref: 'registry.k8s.io/pause:3.10', host: 'registry.k8s.io', path: 'pause', tag: '3.10' });
    expect(normalizeImage('localhost:5000/app').ref).toBe('localhost:5000/app:latest');
  });

  it('known library images pull with real-looking tags, a digest, or none', () => {
    for (const image of [
      'nginx', 'nginx:latest', 'nginx:1.27', 'nginx:1.27.3', 'nginx:1', 'nginx:1.27-alpine', 'nginx:1.27.3-alpine-slim', 'nginx:stable',
      'nginx:mainline-alpine', 'nginx:alpine', 'nginx:1.27-perl', 'busybox:1.36', 'busybox:1.36.1-musl', 'redis:7-alpine', 'python:3.12-slim-bookworm',
      'postgres:16', 'postgres:16-alpine3.20', 'node:lts-alpine', 'debian:bookworm-slim', 'ubuntu:24.04', 'ubuntu:noble', 'traefik:v3.1',
      'memcached:1.6', 'hello-world', `nginx@${DIGEST}`, `nginx:1.27@${DIGEST}`, 'docker.io/library/httpd:2.4',
    ]) expect(pullImage(image).ok, image).toBe(true);
  });

  it('images with a registry host or an organisation cannot be known: they pull', () => {
    for (const image of ['registry.k8s.io/pause:3.10', 'ghcr.io/x/y', 'myorg/app', 'curlimages/curl:8.10.1', 'quay.io/coreos/etcd:anything', 'localhost:5000/app:dev']) {
      expect(pullImage(image).ok, image).toBe(true);
    }
  });

  it('an unknown library name is "pull access denied" (code Unknown, stripped by the CRI client)', () => {
    expect(pullImage('ngnix')).toEqual({
      ok: false,
      ref: 'docker.io/library/ngnix:latest',
      code: 'Unknown',
      error: 'failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    });
    for (const image of ['ngix:1.27', 'nignx', 'docker.io/ngnix', 'busybx:1.36']) expect(pullImage(image), image).toMatchObject({ ok: false, code: 'Unknown' });
  });

  it('a tag that does not look real is "not found" (code NotFound)', () => {
    expect(pullImage('nginx:doesnotexist')).toEqual({
      ok: false,
      ref: 'docker.io/library/nginx:doesnotexist',
      code: 'NotFound',
      error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    });
    for (const image of ['nginx:lastest', 'nginx:Latest', 'nginx:1.27.3.4', 'nginx:1.27-alpne', 'nginx:1.27-', 'nginx:-alpine', 'nginx:', 'nginx@sha256:abc']) {
      expect(pullImage(image), image).toMatchObject({ ok: false, code: 'NotFound' });
    }
  });

  it('the tag rule, written down', () => {
    expect(tagExists('latest')).toBe(true);
    expect(tagExists('1.277.99')).toBe(true); // version-shaped: we keep no version lists
    expect(tagExists('alpine3.20')).toBe(true);
    expect(tagExists('3.12-slim-bookworm')).toBe(true);
    expect(tagExists('doesnotexist')).toBe(false);
    expect(tagExists('1.27-doesnotexist')).toBe(false);
  });
});
