import { EnvError, isProduction, type Env } from './env.js';
import { judgeSecret } from './secret-strength.js';

/** Redis credentials (AUTH / an ACL user), kept out of REDIS_URL so the URL can be logged. */
export interface RedisAuth {
  username?: string | undefined;
  password?: string | undefined;
}

/** docker/redis.env.example's placeholder: refused in production. */
const PUBLISHED_REDIS_PASSWORDS = ['change-me'];

/**
 * REDIS_USERNAME / REDIS_PASSWORD (absent: the URL's own credentials, if any). In production a password must not
 * be the example file's placeholder and must have at least 128 bits of estimated entropy (Redis is on the private
 * network; its ACL is the second fence), named by its variable when refused.
 */
export function redisAuthFrom(env: Pick<Env, 'MASTERBUS_PROFILE' | 'REDIS_USERNAME' | 'REDIS_PASSWORD'>): RedisAuth {
  if (env.REDIS_PASSWORD && isProduction(env)) {
    const verdict = judgeSecret(env.REDIS_PASSWORD, PUBLISHED_REDIS_PASSWORDS, 128);
    if (!verdict.ok) throw new EnvError(`REDIS_PASSWORD ${verdict.reason}: set a random one, e.g. "$(openssl rand -base64 32)"`);
  }
  return {
    ...(env.REDIS_USERNAME ? { username: env.REDIS_USERNAME } : {}),
    ...(env.REDIS_PASSWORD ? { password: env.REDIS_PASSWORD } : {}),
  };
}
