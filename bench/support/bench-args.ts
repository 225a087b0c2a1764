/** Command-line flags shared by the pipeline benchmarks: `--smoke`, `--name value` / `--name=value`. */
export interface BenchArgs {
  smoke: boolean;
  get(name: string): string | undefined;
  int(name: string, fallback: number): number;
}

export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchArgs {
  const values = new Map<string, string>();
  let smoke = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--smoke') {
      smoke = true;
      continue;
    }
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m || !known.includes(m[1]!)) throw new Error(`unknown argument ${arg} (known: --smoke${known.map((k) => `, --${k}`).join('')})`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new Error(`--${m[1]} needs a value`);
    values.set(m[1]!, value);
  }
  return {
    smoke,
    get: (name) => values.get(name),
    int(name, fallback) {
      const raw = values.get(name);
      if (raw === undefined) return fallback;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
      return n;
    },
  };
}
