/**
 * The session service: the holder (the one place the session lives), its storage, the silent
 * refresher and the tab sync, joined. It takes in every new session (`adopt`), restores the session
 * on load (`ready`), and ends it (`signOut`). It knows no other service: what happens after a new
 * session arrives or when a refresh is due is told through the shell's signals.
 */
import type { Emitter } from "nanoevents";
import { TAB_CHANNEL_PREFIX } from "../../protocol/tabs.ts";
import type { ShellHost } from "../host.ts";
import { fromLater } from "../lazy.ts";
import type { Lifetime } from "../lifetime.ts";
import type { ResolvedOptions } from "../options.ts";
import type { Signals } from "../signals.ts";
import type { TokenEndpoint } from "../signin/tokenEndpoint.ts";
import type { ArcGISCredential, AuthRequiredReason, Session, SessionRecord, ShellEvents } from "../types.ts";
import type { TokenDiscard } from "./discard.ts";
import type { SessionEpoch } from "./epoch.ts";
import { isRefreshable } from "./expiry.ts";
import { credentialOf, renewsSession } from "./record.ts";
import type { Refresher } from "./refresh.ts";
import { createSessionHolder, type SessionHolder } from "./SessionHolder.ts";
import { createSessionStore, type SessionStore, sessionKey } from "./store.ts";
import { createTabSync } from "./tabs.ts";

/** What the session service is built from. */
export interface SessionServiceDeps {
  opts: ResolvedOptions;
  host: ShellHost;
  events: Emitter<ShellEvents>;
  signals: Signals;
  life: Lifetime;
  epoch: SessionEpoch;
  /** The portal's token endpoint, loaded on first use. */
  endpoint(): Promise<Pick<TokenEndpoint, "refresh">>;
  discard: TokenDiscard;
}

/** The session of one shell. */
export interface SessionService {
  readonly holder: SessionHolder;
  /** The silent refresher (its code loads with the first refresh). */
  readonly refresher: Refresher;
  /** Settles with the restored session (storage, or another tab's answer) or null. */
  readonly ready: Promise<Session | null>;
  /** The session while its token may be handed out, else null. */
  usable(): Session | null;
  /** The usable session as `IdentityManager.registerToken` wants it, or null. */
  credential(): ArcGISCredential | null;
  /** Why there is no usable session now. */
  missingReason(): AuthRequiredReason;
  /** Takes in a new session; `announce` tells the other tabs. */
  adopt(kind: "signed-in" | "refreshed", record: SessionRecord, announce: boolean): void;
  signOut(): Promise<void>;
  destroy(): void;
}

/** What the session service hands its refresher (`refresh.ts`). */
export interface SessionRefresherParts {
  /** The session's storage key (`store.ts`), which also names the refresh lock. */
  key: string;
  holder: SessionHolder;
  store: SessionStore;
  adopt: (kind: "refreshed", record: SessionRecord, announce: boolean) => void;
}

/** The refresher, whose code loads with the first refresh; `canRefresh` needs none of it. */
function lazyRefresher(deps: SessionServiceDeps, parts: SessionRefresherParts): Refresher {
  const load = fromLater((later) => later.createSessionRefresher(deps, parts));
  return {
    canRefresh: (record) => isRefreshable(record, deps.host.now()),
    refresh: async (staleToken) => (await load.get())(staleToken),
  };
}

/** Creates the session service, restoring a stored session at once. */
export function createSessionService(deps: SessionServiceDeps): SessionService {
  const { opts, host, events, signals, life, epoch } = deps;
  const key = sessionKey(opts.portal, opts.clientId);
  const store = createSessionStore(
    opts.storage === "memory" ? null : host.storage(opts.storage),
    key,
    opts.portal,
    host.now,
  );
  const holder = createSessionHolder(
    {
      store,
      events,
      now: host.now,
      signals,
    },
    store.read(),
  );
  const usableRecord = () => (holder.usableToken() === null ? null : holder.record);
  const take = (kind: "signed-in" | "refreshed", record: SessionRecord): boolean => {
    // Before anyone hears of the new session: whatever starts from its events is of the new epoch.
    if (kind === "signed-in" && holder.record?.session.token !== record.session.token) epoch.end();
    return holder.set(record, kind);
  };
  const tabs = createTabSync(host, TAB_CHANNEL_PREFIX + key, opts.portal, {
    onSession: (kind, record) => {
      if (kind === "refreshed" && !renewsSession(holder.record, record)) return;
      take(kind, record);
      signals.emit("adopted", record.session.token);
    },
    onSignedOut: () => {
      epoch.end();
      holder.clear("other-tab");
    },
    current: usableRecord,
  });
  const adopt = (kind: "signed-in" | "refreshed", record: SessionRecord, announce: boolean) => {
    if (take(kind, record) && announce) tabs.announce(kind, record);
    signals.emit("adopted", record.session.token);
  };
  const refresher = lazyRefresher(deps, {
    key,
    holder,
    store,
    adopt,
  });
  const askedUnder = epoch.mark();
  const ready: Promise<Session | null> =
    holder.record !== null
      ? Promise.resolve(holder.record.session)
      : tabs.ask().then((record) => {
          // An answer that arrives after a sign-out or sign-in here is about a session that is gone.
          if (record !== null && askedUnder() && !life.over && holder.record === null)
            adopt("signed-in", record, false);
          return holder.record?.session ?? null;
        });
  const usable = (): Session | null => usableRecord()?.session ?? null;

  return {
    holder,
    refresher,
    ready,
    usable,
    credential: () => credentialOf(usable()),
    missingReason: () => (holder.record === null && !holder.expired ? "signed-out" : "expired"),
    adopt,
    async signOut() {
      epoch.end(); // also with no session: a sign-in whose code is being exchanged ends here
      const previous = holder.clear("user");
      tabs.announce("signed-out");
      if (previous !== null) await deps.discard.revokeSession(previous);
    },
    destroy() {
      holder.destroy();
      tabs.close();
    },
  };
}
