/**
 * Test doubles for the adapter's unit tests: an IdentityManager that behaves like the Maps SDK's
 * where the adapter touches it (methods on the prototype, credentials per server, revocation only
 * through `destroyCredentials`), and an AuthClient whose session and tokens a test drives.
 */
import { UntrustedServerError } from "../protocol/errors.ts";
import type { AuthClient, SessionInfo } from "../sdk/index.ts";
import type { CredentialOptions, MapsCredential } from "./index.ts";

export interface FakeCredential extends MapsCredential {
  server: string;
  userId: string | undefined;
  destroyed: boolean;
}

/** The server a credential belongs to: the URL cut before `/rest/` or `/sharing`, as the Maps SDK does. */
const serverOf = (url: string) => url.replace(/\/(rest|sharing)(\/.*)?$/i, "");

/** Stands in for `@arcgis/core/identity/IdentityManager.js`; its own methods record their calls. */
export class FakeIdentityManager {
  credentials: FakeCredential[] = [];
  ownCalls: string[] = [];
  revoked = 0;

  getCredential(url: string, _options?: CredentialOptions): Promise<MapsCredential> {
    this.ownCalls.push(`getCredential ${url}`);
    return Promise.reject(new Error("the Maps SDK's own sign-in"));
  }
  signIn(): Promise<never> {
    this.ownCalls.push("signIn");
    return Promise.reject(new Error("dialog"));
  }
  oAuthSignIn(): Promise<never> {
    this.ownCalls.push("oAuthSignIn");
    return Promise.reject(new Error("popup"));
  }
  generateToken(): Promise<never> {
    this.ownCalls.push("generateToken");
    return Promise.reject(new Error("generateToken"));
  }
  refreshToken(): Promise<void> {
    this.ownCalls.push("refreshToken");
    return Promise.resolve();
  }
  registerOAuthInfos(): void {
    this.ownCalls.push("registerOAuthInfos");
  }
  registerToken({ server, token, userId }: { server: string; token: string; userId?: string }): void {
    const found = this.findCredential(server);
    if (found) Object.assign(found, { token, userId });
    else {
      const credential: FakeCredential = {
        server: serverOf(server),
        token,
        userId,
        destroyed: false,
        destroy: () => {
          credential.destroyed = true;
          this.credentials = this.credentials.filter((c) => c !== credential);
        },
      };
      this.credentials.push(credential);
    }
  }
  findCredential(url: string): FakeCredential | undefined {
    return this.credentials.find((c) => c.server === serverOf(url));
  }
  /** Like the Maps SDK: revokes OAuth tokens at the portal (counted here), then drops everything. */
  destroyCredentials(): void {
    this.revoked += this.credentials.length;
    for (const credential of [...this.credentials]) credential.destroy();
  }
}

export const TREES = "http://localhost:4200/arcgis/rest/services/Trees/FeatureServer/0/query";
export const PARCELS = "http://localhost:4300/arcgis/rest/services/Parcels/FeatureServer/0";
export const JSMITH: SessionInfo = {
  username: "jsmith",
  expires: Date.now() + 3_600_000,
  portal: "http://localhost:4100/sharing/rest",
  ssl: false,
};

/** An AuthClient over a scripted shell: `token` is current, every report makes `t<n+1>` current. */
export function fakeClient(session: SessionInfo | null = JSMITH) {
  const listeners = new Set<(s: SessionInfo | null) => void>();
  const state = {
    session,
    token: "t1",
    reports: [] as { error: unknown; url: string | undefined }[],
    tokenCalls: 0,
  };
  const client = {
    getSession: async () => state.session,
    async getToken(url?: string) {
      state.tokenCalls++;
      if (url?.startsWith("http://localhost:4300")) throw new UntrustedServerError();
      return state.token;
    },
    async reportAuthError(error: unknown, url?: string) {
      state.reports.push({ error, url });
      state.token = `t${Number(state.token.slice(1)) + 1}`;
      return state.token;
    },
    onSessionChange(cb: (s: SessionInfo | null) => void) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
  };
  const emit = (next: SessionInfo | null) => {
    state.session = next;
    for (const cb of listeners) cb(next);
  };
  return { client: client as unknown as AuthClient, state, emit, listeners };
}

/** The options the Maps SDK's request code passes after a failed attempt. */
export const failure = (httpStatus: number, token?: string, signal = new AbortController().signal) => ({
  error: Object.assign(new Error(`status ${httpStatus}`), { details: { httpStatus } }),
  token,
  signal,
});
