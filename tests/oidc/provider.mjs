// A real OpenID Provider for the tests (oidc-provider, a certified implementation), on
// loopback. Usage: node tests/oidc/provider.mjs [port]   (0 or none: a free port)
// Prints `issuer=<url>` once it listens; stops on SIGTERM/SIGINT or when stdin closes.
//
// Clients: `admin-console`, the console as a public native client (RFC 8252: PKCE,
// loopback redirect on any port, no secret), and `other-app`, another client of the same
// provider (its ID tokens have the wrong audience for the console).
// Users: any login the form is given is the subject. A login with an `@` is also a
// verified e-mail address, unless it starts with `unverified+`.
import http from 'node:http';
import { generateKeyPair, exportJWK } from 'jose';
import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? 0);

const server = http.createServer();
await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

const { privateKey } = await generateKeyPair('RS256', { extractable: true });
const jwk = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

const loopback = ['http://127.0.0.1/callback'];
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'admin-console',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: loopback,
    },
    {
      client_id: 'other-app',
      application_type: 'native',
      token_endpoint_auth_method: 'none',
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: loopback,
    },
  ],
  jwks: { keys: [jwk] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'] },
  // The e-mail claims in the ID token itself, as Entra ID and Google send them.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  cookies: { keys: ['test-cookie-key-not-secret'] },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        if (!sub.includes('@')) return { sub };
        const unverified = sub.startsWith('unverified+');
        return {
          sub,
          email: unverified ? sub.slice('unverified+'.length) : sub,
          email_verified: !unverified,
        };
      },
    };
  },
});
// Tokens and sessions stay in the provider's memory; nothing of them is printed.
provider.on('server_error', (_ctx, err) => console.error('provider error:', err.message));

server.on('request', provider.callback());
console.log(`issuer=${issuer}`);

const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
