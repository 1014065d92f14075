/**
 * arcgis-auth-shell/maps-sdk: binds the ArcGIS Maps SDK's `IdentityManager` to an `AuthClient`,
 * so that the Maps SDK takes every token from the shell and never signs in by itself (README,
 * "Maps SDK"). No runtime import of `@arcgis/core`: the app passes its own `IdentityManager`.
 */
import type { AuthClient } from "../sdk/index.ts";

/** What the adapter uses of a Maps SDK `Credential`. */
export interface MapsCredential {
  token: string;
  destroy(): void;
}

/** What the Maps SDK's request code passes to `getCredential` (`error` and `token` after a failure). */
export interface CredentialOptions {
  error?: unknown;
  token?: string | null;
  prompt?: boolean;
  signal?: AbortSignal | null;
}

/** The part of `@arcgis/core/identity/IdentityManager.js` the adapter relies on. */
export interface IdentityManagerLike {
  getCredential(url: string, options?: CredentialOptions): Promise<MapsCredential>;
  registerToken(properties: { server: string; token: string; userId?: string }): void;
  findCredential(url: string): MapsCredential | undefined;
}

const namedError = (name: string, message: string) => Object.assign(new Error(message), { name });
const notSignedIn = () => namedError("identity-manager:not-authenticated", "User is not signed in.");
const refuse = () =>
  Promise.reject(
    namedError("identity-manager:user-aborted", "arcgis-auth-shell: the shell signs in and supplies tokens."),
  );

/**
 * From now on the Maps SDK asks `client` for every token and joins the shell's coordinated retry;
 * its own dialog, OAuth popup or redirect, `generateToken` calls and token refresh timers are
 * switched off. Returns `unbind`, which puts the `IdentityManager` back as it was.
 */
export function bindIdentityManager(esriId: IdentityManagerLike, client: AuthClient): () => void {
  const created = new Set<MapsCredential>();
  // Per request (known by its abort signal): how often it came back failed. A request is sent
  // again at most twice — once with a token the session had already moved on to, once after its
  // one report — then the Maps SDK gets its error (its own code would ask again without end).
  const failures = new WeakMap<AbortSignal, number>();
  const reported = new WeakSet<AbortSignal>();
  let bound = true;

  const dropCredentials = () => {
    // Credentials from `registerToken` are dropped without revocation: the shell alone revokes.
    for (const credential of created) credential.destroy();
    created.clear();
  };

  async function getCredential(url: string, options: CredentialOptions = {}): Promise<MapsCredential> {
    const { error, token: failed, signal } = options;
    const status = (error as { details?: { httpStatus?: number } } | undefined)?.details?.httpStatus;
    const refused = () => error ?? namedError("identity-manager:not-authorized", "The token was refused.");
    if (failed) {
      // With a token, 403/401 mean "not allowed", not "signed out".
      const count = (signal && failures.get(signal)) || 0;
      if ((status !== 498 && status !== 499) || count > 1) throw refused();
      if (signal) failures.set(signal, count + 1);
    }
    if (options.prompt === false && !(await client.getSession())) throw notSignedIn();
    // Untrusted servers reject here (UntrustedServerError); signed out, this waits for the sign-in.
    let token = await client.getToken(url);
    // The same token that failed: report it, once per request. Another one: the session has moved
    // on already, and that token is tried first.
    if (token === failed) {
      if (signal && reported.has(signal)) throw refused();
      if (signal) reported.add(signal);
      token = await client.reportAuthError(status, url);
    }
    // Asked last: a sign-out notice reaches the port before this answer, so none can slip between.
    const session = await client.getSession();
    if (!bound) return esriId.getCredential(url, options);
    if (!session) throw notSignedIn();
    // A token registered this way gets no refresh timer and is never revoked by the Maps SDK.
    esriId.registerToken({ server: url, token, userId: session.username });
    const credential = esriId.findCredential(url) as MapsCredential;
    created.add(credential);
    return credential;
  }

  const replaced: Record<string, unknown> = {
    getCredential,
    signIn: refuse,
    oAuthSignIn: refuse,
    generateToken: refuse,
    refreshToken: () => Promise.resolve(),
    registerOAuthInfos() {},
  };
  const target = esriId as unknown as Record<string, unknown>;
  const saved = Object.keys(replaced).map(
    (key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const,
  );
  Object.assign(target, replaced);
  const stopListening = client.onSessionChange((session) => session || dropCredentials());

  return () => {
    if (!bound) return;
    bound = false;
    stopListening();
    for (const [key, descriptor] of saved) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete target[key];
    }
    dropCredentials();
  };
}
