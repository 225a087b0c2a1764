/** `masterbus token mint`: a development JWT signed with JWT_SECRET (or the development secret). */
import { Command } from 'commander';
import { devSigningSettings } from '../../config/development-signing.js';
import { isProduction } from '../../config/env.js';
import { mintToken } from '../../contract/mint-token.js';
import { zRole } from '../../contract/claims.js';
import { contextOf, exitsWith, wholeNumber } from '../context.js';
import { CliError, ExitCode } from '../exit-codes.js';

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function tokenCommand(): Command {
  const token = new Command('token').description('API tokens (development)');
  token
    .command('mint')
    .description(
      'mint a development token; refused unless MASTERBUS_PROFILE=development or test (production tokens come from your identity provider)',
    )
    .option('--role <role>', 'viewer | assessor | admin', 'assessor')
    .option('--facilities <ids>', 'comma-separated facility ids, or * for all', '*')
    .option('--organizations <ids>', 'comma-separated organisation ids')
    .option('--sub <subject>', 'who the token is for', 'dev-user')
    .option(
      '--ttl <seconds>',
      'lifetime (the API refuses tokens living longer than JWT_MAX_LIFETIME_SECONDS, 24 h by default)',
      wholeNumber('--ttl', 1, 30 * 86_400),
      3600,
    )
    .action(
      exitsWith(async (opts: { role: string; facilities: string; organizations?: string; sub: string; ttl: number }, cmd: Command) => {
        const ctx = contextOf(cmd);
        const env = ctx.env();
        if (isProduction(env))
          throw new CliError(
            ExitCode.USAGE,
            'DEVELOPMENT_ONLY',
            'token mint is for development only: set MASTERBUS_PROFILE=development (production tokens come from your identity provider)',
          );
        const role = zRole.safeParse(opts.role);
        if (!role.success)
          throw new CliError(ExitCode.USAGE, 'USAGE', `--role must be one of viewer, assessor, admin (got "${opts.role}")`);
        const facilities = list(opts.facilities);
        const organizations = opts.organizations ? list(opts.organizations) : undefined;
        const jwt = await mintToken(devSigningSettings(env), {
          sub: opts.sub,
          role: role.data,
          facilities,
          ...(organizations ? { organizations } : {}),
          ttlSeconds: opts.ttl,
        });
        const expiresAt = new Date(Date.now() + opts.ttl * 1000).toISOString();
        // Human output is the token alone, so `export TOKEN=$(npx masterbus token mint …)` works.
        ctx.out.result(
          { token: jwt, sub: opts.sub, role: role.data, facilities, organizations: organizations ?? [], expires_at: expiresAt },
          jwt,
        );
        return ExitCode.OK;
      }),
    );
  return token;
}
