import { api, must, setCsrfToken, whenSignedOut } from './api.ts';
import type { Account } from './types.ts';

/** Who is signed in (null: show the sign-in page; undefined: still asking the server). */
export const session = $state<{ account: Account | null | undefined; testPhone: boolean; oidc: boolean }>({
  account: undefined,
  testPhone: false,
  oidc: false,
});

whenSignedOut(() => {
  session.account = null;
});

export async function loadSession(): Promise<void> {
  const config = must<{ testPhone: boolean; oidc: boolean }>(await api.GET('/api/v1/auth/config'));
  session.testPhone = config.testPhone;
  session.oidc = config.oidc;
  const result = await api.GET('/api/v1/auth/me');
  if (result.response.status === 401) {
    session.account = null;
    return;
  }
  const me = must<{ account: Account; csrfToken: string }>(result);
  setCsrfToken(me.csrfToken);
  session.account = me.account;
}

export async function signIn(email: string, password: string): Promise<void> {
  const me = must<{ account: Account; csrfToken: string }>(
    await api.POST('/api/v1/auth/login', { body: { email, password } }),
  );
  setCsrfToken(me.csrfToken);
  session.account = me.account;
}

export async function signOut(): Promise<void> {
  await api.POST('/api/v1/auth/logout');
  setCsrfToken('');
  session.account = null;
}
