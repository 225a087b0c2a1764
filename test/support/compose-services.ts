/**
 * What docker compose would give a service of docker/compose.yaml, without Docker: its image's `ENV` and `CMD`
 * (the Dockerfile target and the stages it is built FROM), then its `env_file`s in order, then its `environment`
 * (compose's precedence: `environment` over `env_file` over the image). Used by the compose rehearsal test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; target?: string };
  env_file?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  command?: string | string[];
  ports?: string[];
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function readCompose(file: string): ComposeFile {
  // Compose resolves YAML merge keys (`<<: *anchor`); so must we.
  return parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
}

/**
 * An env file as compose reads it: `KEY=VALUE` per line, `#` lines and blank lines skipped, a value in matching
 * single or double quotes unquoted, an unquoted value cut at ` #` (an inline comment).
 */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!m) throw new Error(`env file line not KEY=VALUE: ${line}`);
    let value = m[2]!.trim();
    const quoted = /^(['"])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, '');
    out[m[1]!] = value;
  }
  return out;
}

export interface ImageTarget {
  env: Record<string, string>;
  cmd: string[];
  /** The target's HEALTHCHECK command in shell form (`CMD …`), if it has one. */
  healthcheck?: string;
}

/** A Dockerfile target's `ENV` (its stage and the stages it is FROM, in order) and its `CMD` (exec form). */
export function dockerfileTarget(dockerfile: string, target: string): ImageTarget {
  const stages = new Map<string, { from: string; lines: string[] }>();
  let current: { from: string; lines: string[] } | null = null;
  // Continuation lines joined first.
  for (const line of dockerfile.replace(/\\\n\s*/g, ' ').split('\n')) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) {
      current = { from: from[1]!, lines: [] };
      stages.set(from[2] ?? from[1]!, current);
    } else if (current) current.lines.push(line);
  }
  const chain: { from: string; lines: string[] }[] = [];
  for (let s = stages.get(target); s; s = stages.get(s.from)) chain.unshift(s);
  if (!chain.length) throw new Error(`Dockerfile has no stage ${target}`);
  const env: Record<string, string> = {};
  let cmd: string[] = [];
  let healthcheck: string | undefined;
  for (const stage of chain)
    for (const line of stage.lines) {
      const h = /^HEALTHCHECK\s+(?:--\S+\s+)*CMD\s+(.*)$/.exec(line.trim());
      if (h) {
        healthcheck = h[1]!;
        continue;
      }
      const e = /^ENV\s+(.*)$/.exec(line.trim());
      if (e) for (const m of e[1]!.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S+)/g)) env[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
      const c = /^CMD\s+(\[.*\])\s*$/.exec(line.trim());
      if (c) cmd = JSON.parse(c[1]!) as string[];
    }
  return { env, cmd, ...(healthcheck ? { healthcheck } : {}) };
}

/** The environment compose gives the service's container (env files read from `dir`, compose.yaml's folder). */
export function serviceEnvironment(compose: ComposeFile, name: string, dir: string, dockerfile: string): ImageTarget {
  const svc = compose.services[name];
  if (!svc) throw new Error(`compose.yaml has no service ${name}`);
  const image = svc.build?.target ? dockerfileTarget(dockerfile, svc.build.target) : { env: {}, cmd: [] };
  const env: Record<string, string> = { ...image.env };
  const files = svc.env_file === undefined ? [] : Array.isArray(svc.env_file) ? svc.env_file : [svc.env_file];
  for (const f of files) Object.assign(env, parseEnvFile(readFileSync(join(dir, f), 'utf8')));
  const environment = svc.environment ?? {};
  const pairs: [string, string | null][] = Array.isArray(environment)
    ? environment.map((kv) => {
        const i = kv.indexOf('=');
        return i < 0 ? [kv, null] : [kv.slice(0, i), kv.slice(i + 1)];
      })
    : Object.entries(environment).map(([k, v]) => [k, v === null ? null : String(v)]);
  for (const [k, v] of pairs) if (v !== null) env[k] = v;
  return { ...image, env };
}
