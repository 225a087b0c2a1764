import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { WEBHOOK_URL_PATTERN } from '../../api/routes/webhook-views.js';
import { policyLookup, postWebhook } from '../../webhooks/post-webhook.js';
import { checkWebhookUrl, parsePrivateAllowlist, refusedAddress, targetPolicyFor } from '../../webhooks/target-policy.js';

const production = targetPolicyFor({ MASTERBUS_PROFILE: 'production', WEBHOOK_PRIVATE_CIDRS: '' });
const productionVpc = targetPolicyFor({
  MASTERBUS_PROFILE: 'production',
  WEBHOOK_PRIVATE_CIDRS: '10.20.0.0/16, 192.168.7.0/24, fd12:3456::/48',
});
const development = targetPolicyFor({ MASTERBUS_PROFILE: 'development', WEBHOOK_PRIVATE_CIDRS: '' });
const reason = (url: string, policy = production) => {
  const r = checkWebhookUrl(url, policy);
  return r.ok ? null : r.reason;
};

describe('webhook URL validation', () => {
  it('should accept a public https URL in production', () => {
    expect(reason('https://hooks.threatmap.example.com/masterbus?tenant=7')).toBeNull();
    expect(reason('https://93.184.216.34:8443/hook')).toBeNull();
  });

  it('should require https in production and allow plain http to a loopback receiver in development', () => {
    expect(reason('http://hooks.example.com/x')).toMatch(/https/);
    expect(reason('http://127.0.0.1:4000/hook', development)).toBeNull();
    expect(reason('http://localhost:4000/hook', development)).toBeNull();
  });

  it('should refuse loopback, private, shared, link-local and reserved addresses in production, however they are spelled', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://10.1.2.3/',
      'https://172.16.0.1/',
      'https://192.168.1.1/',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[::1]/',
      'https://[fc00::1]/',
      'https://[fe80::1]/',
      'https://[::ffff:10.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      // WHATWG URL parsing turns these into 127.0.0.1 before the check sees them.
      'https://2130706433/',
      'https://0x7f.0.0.1/',
      'https://127.1/',
      'https://localhost/',
      'https://api.localhost/',
      'https://metadata.google.internal/',
      'https://printer.local/',
      'https://intranet/',
    ])
      expect(reason(url), url).not.toBeNull();
  });

  it('should refuse cloud metadata addresses under every policy, even a private-network one', () => {
    for (const policy of [production, productionVpc, development]) {
      expect(reason('http://169.254.169.254/latest/meta-data/', { ...policy, requireHttps: false }), JSON.stringify(policy)).toMatch(
        /metadata/,
      );
      expect(reason('https://[fd00:ec2::254]/', policy)).toMatch(/metadata/);
    }
  });

  it('should admit private receivers only inside the ranges the operator allowlisted', () => {
    for (const inside of ['10.20.0.5', '10.20.255.254', '192.168.7.9', 'fd12:3456::10', '::ffff:10.20.1.1'])
      expect(refusedAddress(inside, productionVpc), inside).toBeNull();
    for (const outside of ['10.21.0.5', '10.0.0.1', '172.16.0.1', '192.168.8.1', 'fd12:3457::1', '100.64.0.1'])
      expect(refusedAddress(outside, productionVpc), outside).toMatch(/outside WEBHOOK_PRIVATE_CIDRS/);
    // An internal name is fine with an allowlist: its addresses are checked against it at creation and at every connection.
    expect(reason('https://hooks.svc.cluster.local/x', productionVpc)).toBeNull();
    expect(reason('https://hooks.svc.cluster.local/x')).toMatch(/internal host name/);
  });

  it('should refuse loopback, 0.0.0.0/8, link-local and metadata in production whatever the allowlist says', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '0.0.0.0', '0.1.2.3', '::1', '::', 'fe80::1', '169.254.169.254', '::ffff:127.0.0.1'])
      expect(refusedAddress(address, productionVpc), address).not.toBeNull();
    expect(reason('https://localhost/', productionVpc)).toMatch(/this host/);
    // And no allowlist can name them, or a public range: the process refuses to start, naming the variable.
    for (const bad of [
      '127.0.0.0/8',
      '0.0.0.0/0',
      '10.0.0.0/7',
      '169.254.0.0/16',
      '8.8.8.0/24',
      'fe80::/10',
      '::/0',
      '10.20.0.0',
      '10.20.0.0/33',
      'intranet/8',
    ]) {
      expect(() => parsePrivateAllowlist(bad), bad).toThrow(/^WEBHOOK_PRIVATE_CIDRS: /);
      expect(() => targetPolicyFor({ MASTERBUS_PROFILE: 'production', WEBHOOK_PRIVATE_CIDRS: `10.20.0.0/16,${bad}` }), bad).toThrow(
        /WEBHOOK_PRIVATE_CIDRS/,
      );
    }
  });

  it('should refuse credentials, fragments, other schemes and overlong URLs', () => {
    expect(reason('https://user:pw@hooks.example.com/')).toMatch(/credentials/);
    expect(reason('https://hooks.example.com/#x')).toMatch(/fragment/);
    expect(reason('ftp://hooks.example.com/')).toMatch(/http/);
    expect(reason('file:///etc/passwd')).toMatch(/http/);
    expect(reason('not a url')).toMatch(/absolute/);
    expect(reason(`https://hooks.example.com/${'a'.repeat(2100)}`)).toMatch(/longer/);
  });

  it('should only admit URLs through the API schema that the URL parser reads one way', () => {
    const re = new RegExp(WEBHOOK_URL_PATTERN);
    for (const ok of ['https://hooks.example.com/x/y?z=1&b=%20', 'http://127.0.0.1:4000/hook', 'https://a.b:65535/'])
      expect(re.test(ok), ok).toBe(true);
    for (const bad of [
      'http://a.0/',
      'https://x.y:65536/',
      'http://1.2.3.4.5/',
      'https://u:p@x.y/',
      'https://x.y/#f',
      'https://x.y/%zz',
      'javascript:alert(1)',
    ])
      expect(re.test(bad), bad).toBe(false);
  });
});

describe('a delivery attempt (postWebhook)', () => {
  async function serve(handler: Parameters<typeof createServer>[1]) {
    const server = createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    return { url: `http://127.0.0.1:${port}`, port, close: () => new Promise<void>((r) => server.close(() => r())) };
  }

  it('should not follow a redirect (the 3xx is the answer, and a failure)', async () => {
    let followed = false;
    const s = await serve((req, res) => {
      if (req.url === '/elsewhere') followed = true;
      res.writeHead(307, { location: '/elsewhere' }).end();
    });
    const r = await postWebhook({ url: `${s.url}/hook`, body: '{}', headers: {}, policy: development, timeoutMs: 2000 });
    expect(r).toMatchObject({ kind: 'answered', status: 307 });
    expect(followed).toBe(false);
    await s.close();
  });

  it('should give up on a receiver that does not answer within the timeout', async () => {
    const s = await serve(() => undefined);
    const started = Date.now();
    const r = await postWebhook({ url: `${s.url}/hook`, body: '{}', headers: {}, policy: development, timeoutMs: 300 });
    expect(r).toEqual({ kind: 'failed', reason: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2000);
    s.close().catch(() => undefined);
  });

  it('should read at most the bound of a huge answer', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const push = () => {
        while (sent < 1_000 && res.write(chunk)) sent++;
        if (sent < 1_000) res.once('drain', push);
        else res.end();
      };
      push();
    });
    const r = await postWebhook({
      url: `${s.url}/hook`,
      body: '{}',
      headers: {},
      policy: development,
      timeoutMs: 5000,
      maxResponseBytes: 1024,
    });
    expect(r.kind).toBe('answered');
    if (r.kind === 'answered') expect(r.excerpt.length).toBeLessThanOrEqual(1024);
    s.close().catch(() => undefined);
  });

  it('should refuse to connect when DNS answers only refused addresses (a name re-pointed after creation)', async () => {
    const strict = { requireHttps: false, allowLocal: false, privateAllowlist: null };
    const lookup = policyLookup(strict);
    const viaLookup = (all: boolean) =>
      new Promise<{ err: Error | null; address: unknown }>((resolve) =>
        lookup('localhost', { all }, (err, address) => resolve({ err, address })),
      );
    for (const all of [false, true]) {
      const { err } = await viaLookup(all);
      expect(err?.name, `all: ${all}`).toBe('WebhookTargetRefused');
      expect(err?.message).toMatch(/loopback/);
      expect(err?.message, 'no DNS answers in the error').not.toMatch(/127\.0\.0\.1|::1/);
    }
    // The same lookup lets allowed addresses through in the shape the caller asked for.
    const open = policyLookup(development);
    const one = await new Promise<unknown>((resolve) => open('localhost', { all: false }, (_e, address) => resolve(address)));
    expect(one).toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
