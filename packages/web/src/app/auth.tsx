import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, MeResponse } from '@zuzhang/api-schema';
import { api, isApiError, onUnauthenticated, setCsrfToken } from './api-client.ts';
import { readStoredLocale, useI18n } from './i18n/i18n.tsx';
import type { Permission } from './permissions.ts';

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'error'; error: unknown }
  | { status: 'signed-in'; me: MeResponse };

export interface AuthValue {
  state: AuthState;
  me: MeResponse | null;
  can: (permission: Permission) => boolean;
  signIn: (username: string, password: string) => Promise<MeResponse>;
  signOut: () => Promise<void>;
  /** Reloads MeResponse, e.g. after a delegation changes what the user is acting for. */
  refresh: () => Promise<void>;
  /** Changes the UI language and, when signed in, saves it on the user's account. */
  changeLocale: (locale: Locale) => void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { setLocale } = useI18n();
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const accept = useCallback(
    (me: MeResponse) => {
      setCsrfToken(me.csrfToken);
      // The language chosen on this device wins; a new device starts from the account's language.
      const stored = readStoredLocale();
      if (!stored) setLocale(me.user.locale);
      else if (stored !== me.user.locale) api.auth.setLocale(stored).catch(() => undefined);
      setState({ status: 'signed-in', me });
    },
    [setLocale],
  );

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        accept(await api.auth.me(signal));
      } catch (err) {
        if (signal?.aborted) return;
        if (isApiError(err) && err.status === 401) setState({ status: 'anonymous' });
        else setState({ status: 'error', error: err });
      }
    },
    [accept],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        setState({ status: 'anonymous' });
      }),
    [],
  );

  const signIn = useCallback(
    async (username: string, password: string) => {
      const me = await api.auth.login({ username, password });
      accept(me);
      return me;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await api.auth.logout();
    } finally {
      setCsrfToken(null);
      setState({ status: 'anonymous' });
    }
  }, []);

  const refresh = useCallback(() => load(), [load]);

  const me = state.status === 'signed-in' ? state.me : null;
  const changeLocale = useCallback(
    (locale: Locale) => {
      setLocale(locale);
      if (me) api.auth.setLocale(locale).catch(() => undefined);
    },
    [me, setLocale],
  );

  const value = useMemo<AuthValue>(
    () => ({
      state,
      me,
      can: (permission) =>
        !!me && (me.permissions.includes(permission) || (permission === 'user.manage' && me.user.isAdmin)),
      signIn,
      signOut,
      refresh,
      changeLocale,
    }),
    [state, me, signIn, signOut, refresh, changeLocale],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside AuthProvider');
  return value;
}

/** For pages inside the signed-in layout, where MeResponse is always present. */
export function useMe(): MeResponse {
  const { me } = useAuth();
  if (!me) throw new Error('useMe used outside the signed-in layout');
  return me;
}
