/**
 * Where webhooks may be sent (SSRF protection). In production a target must be https and must not resolve to a
 * loopback, private, link-local, shared, reserved or multicast address, unless WEBHOOK_ALLOW_PRIVATE_NETWORKS says the
 * consumers live on the private network; development and tests allow plain http and loopback receivers. Cloud
 * metadata endpoints are refused everywhere. The same address check runs twice: on the URL when a subscription is
 * created, and on every address DNS returns when a delivery connects (post-webhook.ts), so a name re-pointed after
 * creation (DNS rebinding) is refused too.
 */
import { BlockList, isIP } from 'node:net';
import { isProduction, type Profile } from '../config/env.js';

export interface WebhookTargetPolicy {
  requireHttps: boolean;
  allowPrivateNetworks: boolean;
}

export function targetPolicyFor(env: { MASTERBUS_PROFILE: Profile; WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean }): WebhookTargetPolicy {
  return isProduction(env)
    ? { requireHttps: true, allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS }
    : { requireHttps: false, allowPrivateNetworks: true };
}

export const maxWebhookUrlLength = 2048;

/** Instance-metadata services: credentials live there, so no policy reaches them. */
const metadata = new BlockList();
metadata.addSubnet('169.254.0.0', 16, 'ipv4');
metadata.addAddress('fd00:ec2::254', 'ipv6');

/** Everything that is not a public unicast address (RFC 6890 special-purpose registries). */
const nonPublic = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) nonPublic.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) nonPublic.addSubnet(net, bits, 'ipv6');

/** An IPv4 address carried in an IPv6 one (`::ffff:a.b.c.d` mapped, `::a.b.c.d` compatible), checked as IPv4. */
function embeddedIpv4(address: string): string | null {
  const m = /^::(?:ffff:)?(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** Why an address may not receive webhooks under the policy, or null when it may. */
export function refusedAddress(address: string, policy: WebhookTargetPolicy): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  const v4 = isIP(bare) === 6 ? embeddedIpv4(bare) : null;
  const [ip, family] = v4 ? [v4, 'ipv4' as const] : [bare, isIP(bare) === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (isIP(ip) === 0) return `${address} is not an IP address`;
  if (metadata.check(ip, family)) return `${address} is a link-local or cloud metadata address`;
  if (!policy.allowPrivateNetworks && nonPublic.check(ip, family)) return `${address} is a loopback, private or reserved address`;
  return null;
}

/** Host names that only ever mean something inside a network. */
function internalHostName(host: string): boolean {
  return host === 'localhost' || /\.(localhost|local|internal|home\.arpa)$/.test(host) || !host.includes('.');
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** The checks that need no DNS: scheme, credentials, literal addresses and internal names. */
export function checkWebhookUrl(raw: string, policy: WebhookTargetPolicy): UrlCheck {
  if (raw.length > maxWebhookUrlLength) return { ok: false, reason: `the URL is longer than ${maxWebhookUrlLength} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: 'only http and https URLs can receive webhooks' };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, reason: 'webhook URLs must use https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL are not accepted (authenticate deliveries by their signature)' };
  if (url.hash) return { ok: false, reason: 'a URL fragment is never sent; remove it' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { ok: false, reason: 'the URL has no host' };
  if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
    const refused = refusedAddress(host, policy);
    return refused ? { ok: false, reason: refused } : { ok: true, url };
  }
  if (!policy.allowPrivateNetworks && internalHostName(host)) return { ok: false, reason: `${host} is an internal host name` };
  return { ok: true, url };
}
