// A small built-in image registry: what a pull from Docker Hub would answer, without a
// network. containerd (1.7, through the CRI) resolves a reference before it pulls; we
// decide "exists" by rule, so that the classic first failure — a mistyped image name or
// tag — gives ErrImagePull and then ImagePullBackOff, always the same way for the same
// reference.
//
// The rule for "exists":
// - References are normalised as containerd does: no host → `docker.io`, no
//   organisation on docker.io → `library/`, no tag or digest → `:latest`
//   (`ngnix` → `docker.io/library/ngnix:latest`).
// - A Docker Hub library image (`docker.io/library/<name>`, however it was written) must
//   be one of LIBRARY below. Any other name is "pull access denied" — what Docker Hub
//   answers for a repository that does not exist, as it does for a private one.
// - An image with a registry host or an organisation (`registry.k8s.io/pause:3.10`,
//   `ghcr.io/x/y`, `myorg/app`, `curlimages/curl`) cannot be known to us: it always pulls.
// - For a library image, a digest `@sha256:<64 lowercase hex>` pulls. A tag pulls when it
//   looks like a real tag: `latest`, or `-`-separated parts where the first is a version
//   (`1`, `1.27`, `1.27.3`, optionally `v`-prefixed) or a variant word, and every other
//   part a variant word (VARIANTS; a word may carry a version, as `alpine3.20`). So
//   `1.27-alpine`, `3.12-slim-bookworm`, `stable-alpine`, `16-alpine3.20` pull;
//   `doesnotexist`, `lastest`, `1.27.3.4`, `Latest` are "not found". We keep no list
//   of each image's versions: `nginx:1.277.99` pulls (a version-shaped typo is not
//   caught — predictable rather than clever).
// Anything else (a tag or digest of an unknown host's image) pulls.
//
// The texts are containerd's, as the kubelet (v1.28+) reports them: a NotFound status
// keeps its gRPC prefix, an Unknown one (access denied) has it stripped by the CRI client.

/** Official images on Docker Hub that lessons and tutorials use. */
export const LIBRARY: ReadonlySet<string> = new Set([
  'adminer', 'almalinux', 'alpine', 'amazoncorretto', 'amazonlinux', 'archlinux', 'bash', 'busybox', 'caddy', 'cassandra',
  'centos', 'clojure', 'consul', 'couchdb', 'debian', 'docker', 'drupal', 'eclipse-mosquitto', 'eclipse-temurin',
  'elasticsearch', 'elixir', 'erlang', 'fedora', 'gcc', 'ghost', 'golang', 'gradle', 'haproxy', 'hello-world', 'httpd',
  'influxdb', 'jetty', 'joomla', 'julia', 'kibana', 'kong', 'logstash', 'mariadb', 'maven', 'memcached', 'mongo',
  'mongo-express', 'mysql', 'nats', 'neo4j', 'nextcloud', 'nginx', 'node', 'openjdk', 'oraclelinux', 'percona', 'perl',
  'php', 'postgres', 'python', 'rabbitmq', 'redis', 'registry', 'rockylinux', 'ruby', 'rust', 'solr', 'sonarqube',
  'telegraf', 'tomcat', 'traefik', 'ubuntu', 'varnish', 'wordpress', 'zookeeper',
]);

/** Words that name an image variant in a tag (`alpine`, `1.27-perl`, `bookworm-slim`). */
export const VARIANTS: ReadonlySet<string> = new Set([
  'alpine', 'apache', 'bookworm', 'bullseye', 'buster', 'cli', 'debian', 'focal', 'fpm', 'glibc', 'jammy', 'jdk', 'jre',
  'lts', 'mainline', 'management', 'musl', 'noble', 'otel', 'oracle', 'perl', 'slim', 'stable', 'trixie', 'uclibc',
  'ubi', 'zts',
]);

export interface ImageReference {
  /** The fully qualified reference containerd resolves: `docker.io/library/nginx:1.27`. */
  readonly ref: string;
  readonly host: string;
  /** Repository path on the host: `library/nginx`, `x/y`. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export type PullResult =
  | { readonly ok: true; readonly ref: string }
  | {
      readonly ok: false;
      readonly ref: string;
      /** The CRI status code: NotFound for a missing tag, Unknown for access denied. */
      readonly code: 'NotFound' | 'Unknown';
      /** The error as the kubelet has it from the CRI client: "rpc error: code = NotFound
       * desc = failed to pull and unpack image …", or without the prefix for Unknown. */
      readonly error: string;
    };

/** docker/distribution's reference normalisation (ParseNormalizedNamed + TagNameOnly). */
export function normalizeImage(image: string): ImageReference {
  let name = image;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  let host = 'docker.io';
  let path = name;
  if (slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first)) {
    host = first === 'index.docker.io' ? 'docker.io' : first;
    path = name.slice(slash + 1);
  }
  if (host === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  const ref = `${host}/${path}${tag !== undefined ? `:${tag}` : ''}${digest !== undefined ? `@${digest}` : ''}`;
  return { ref, host, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

const VERSION = /^v?\d+(\.\d+){0,2}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** A variant word, possibly with a version glued on (`alpine3.20`, `bookworm`). */
function isVariant(part: string): boolean {
  const m = /^([a-z]+)(\d+(\.\d+)*)?$/.exec(part);
  return m !== null && VARIANTS.has(m[1]!);
}

/** Whether a library image has this tag (see the rule in the header). */
export function tagExists(tag: string): boolean {
  if (tag === 'latest') return true;
  const parts = tag.split('-');
  if (parts.some((p) => p === '')) return false;
  const [head, ...rest] = parts;
  return (VERSION.test(head!) || isVariant(head!)) && rest.every(isVariant);
}

/** What pulling `image` (as written in the pod spec) gives. */
export function pullImage(image: string): PullResult {
  const r = normalizeImage(image);
  if (r.host !== 'docker.io' || !r.path.startsWith('library/')) return { ok: true, ref: r.ref };
  const prefix = `failed to pull and unpack image "${r.ref}": failed to resolve reference "${r.ref}"`;
  if (!LIBRARY.has(r.path.slice('library/'.length))) {
    return {
      ok: false,
      ref: r.ref,
      code: 'Unknown',
      error: `${prefix}: pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`,
    };
  }
  const exists = r.digest !== undefined ? DIGEST.test(r.digest) : tagExists(r.tag ?? 'latest');
  if (exists) return { ok: true, ref: r.ref };
  return { ok: false, ref: r.ref, code: 'NotFound', error: `rpc error: code = NotFound desc = ${prefix}: ${r.ref}: not found` };
}
