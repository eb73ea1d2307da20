import * as client from 'openid-client';
import { AppError } from '@taskline/core';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the provider sends the browser back: `<PUBLIC_URL>/api/v1/auth/oidc/callback`. */
  redirectUri: string;
}

/** What the browser keeps between the redirect to the provider and the callback (an HttpOnly cookie). */
export interface OidcTransaction {
  state: string;
  nonce: string;
  verifier: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | undefined;
  emailVerified: boolean;
  name: string | undefined;
}

/**
 * OpenID Connect sign-in (authorization code flow with PKCE, state and nonce) through openid-client. The provider's
 * metadata is discovered once, on first use; a plain-http issuer is accepted only on loopback (development, tests).
 */
export function oidcClient(settings: OidcSettings) {
  let configuration: Promise<client.Configuration> | undefined;
  const configure = () => {
    configuration ??= (async () => {
      const issuer = new URL(settings.issuer);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      return client.discovery(
        issuer,
        settings.clientId,
        settings.clientSecret,
        undefined,
        loopback && issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    })().catch((error: unknown) => {
      configuration = undefined;
      throw new AppError(
        'DEPENDENCY_UNAVAILABLE',
        `the OpenID provider did not answer: ${(error as Error).message}`,
      );
    });
    return configuration;
  };

  return {
    async start(): Promise<{ url: URL; transaction: OidcTransaction }> {
      const config = await configure();
      const transaction = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: 'openid email profile',
        state: transaction.state,
        nonce: transaction.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
        code_challenge_method: 'S256',
      });
      return { url, transaction };
    },

    async finish(callbackUrl: URL, transaction: OidcTransaction): Promise<OidcIdentity> {
      const config = await configure();
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: transaction.verifier,
          expectedState: transaction.state,
          expectedNonce: transaction.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new AppError('UNAUTHORIZED', `OpenID sign-in failed: ${(error as Error).message}`);
      }
      const claims = tokens.claims();
      if (!claims) throw new AppError('UNAUTHORIZED', 'OpenID sign-in failed: no ID token');
      // Providers that keep the ID token minimal give the email from the UserInfo endpoint.
      let profile: Record<string, unknown> = claims;
      if (typeof claims.email !== 'string') {
        try {
          profile = { ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)), ...claims };
        } catch (error) {
          throw new AppError('UNAUTHORIZED', `OpenID sign-in failed: userinfo: ${(error as Error).message}`);
        }
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof profile.email === 'string' ? profile.email.toLowerCase() : undefined,
        emailVerified: profile.email_verified === true,
        name: typeof profile.name === 'string' ? profile.name : undefined,
      };
    },
  };
}
