/**
 * Mints a development JWT: `npm run token -- [--role assessor] [--facilities fac-00001,fac-00002|*] [--sub me]
 * [--ttl 3600]`. Uses JWT_SECRET / JWT_ISSUER / JWT_AUDIENCE, or the development defaults.
 */
import { parseArgs } from 'node:util';
import { devSigningSettings } from '../api/jwt-settings.js';
import { mintToken } from '../api/security/mint-token.js';
import { zRole } from '../api/security/principal.js';
import { parseEnv } from '../config/env.js';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'assessor' },
    facilities: { type: 'string', default: '*' },
    sub: { type: 'string', default: 'dev-user' },
    ttl: { type: 'string', default: '3600' },
  },
});
const role = zRole.safeParse(values.role);
if (!role.success) {
  console.error(`--role must be one of viewer, assessor, admin (got ${values.role})`);
  process.exit(2);
}
const token = await mintToken(devSigningSettings(parseEnv()), {
  sub: values.sub,
  role: role.data,
  facilities: values.facilities.split(',').map((s) => s.trim()).filter(Boolean),
  ttlSeconds: Number(values.ttl),
});
console.log(token);
