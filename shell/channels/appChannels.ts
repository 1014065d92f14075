/**
 * The shell's end of every micro-app channel: one private `MessagePort` per app, Comlink over a
 * guarded endpoint, a frozen method table, and the session notices sent beside Comlink.
 */
import { expose } from "comlink";
import type { Answer, AuthReport, SessionInfo, ShellPortApi, TokenGrant } from "../../protocol/appChannel.ts";
import { CLOSED_NOTICE_TYPE, SESSION_NOTICE_TYPE } from "../../protocol/appNotices.ts";
import { toWireError } from "../../protocol/wireError.ts";
import type { LookupBudget } from "../federation/lookupBudget.ts";
import { guardPort } from "./portGuard.ts";

/** What the channels need from the shell. */
export interface ChannelBackend {
  readonly portal: string;
  sessionInfo(): SessionInfo | null;
  /**
   * With `wait` false, `null` when signed out; with `wait` true, waits for the coordinated sign-in.
   * `mayLookUp` is the asking channel's budget for `rest/info` lookups of servers not known yet.
   */
  grantFor(url: string | undefined, wait: boolean, mayLookUp: LookupBudget): Promise<TokenGrant | null>;
  reportAuthError(report: AuthReport, mayLookUp: LookupBudget): Promise<TokenGrant>;
  /** A fresh lookup budget, one per channel: an app's limit is its own, not shared with others. */
  lookupBudget(): LookupBudget;
}

/** The registry of open app channels. */
export interface AppChannels {
  /** A new private channel for `appName`; the returned port goes to the app. */
  open(appName: string, ports?: MessageChannel): MessagePort;
  /** Tells every app the session changed (their token caches drop everything). */
  notifySession(session: SessionInfo | null): void;
  /** Tells every app the shell is gone and closes every port. */
  closeAll(): void;
}

const answer = async <T>(work: () => Promise<T> | T): Promise<Answer<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toWireError(error) };
  }
};

/** Creates the registry; every channel serves `backend`. */
export function createAppChannels(backend: ChannelBackend): AppChannels {
  /** The ports in use (an app has sent on them) and how to close each. */
  const channels = new Map<MessagePort, () => void>();
  let closedAll = false;

  /** The methods one channel serves. Null prototype and frozen: no inherited path and nothing to overwrite (docs/protocol.md §3). */
  const apiFor = (mayLookUp: LookupBudget): ShellPortApi =>
    Object.freeze(
      Object.assign(Object.create(null) as object, {
        hello: () => answer(() => ({ portal: backend.portal, session: backend.sessionInfo() })),
        getToken: (url: string | undefined, wait: boolean) =>
          answer(() => backend.grantFor(url, wait, mayLookUp)),
        getSession: () => answer(() => backend.sessionInfo()),
        reportAuthError: (report: AuthReport) => answer(() => backend.reportAuthError(report, mayLookUp)),
        ping: () => answer(() => true as const),
      } satisfies ShellPortApi),
    );

  return {
    // The name only tells the caller's channels apart; nothing here needs it.
    open(_appName, { port1, port2 } = new MessageChannel()) {
      // Registered only once the app speaks: single-spa calls `customProps` at load, bootstrap,
      // mount and unmount, so `connect(name)` makes ports nobody uses; unregistered, they can be
      // collected, and they get no notices. (Registering again on later messages changes nothing.)
      const endpoint = guardPort(port2, {
        onActive: () => (closedAll ? endpoint.close() : channels.set(port2, endpoint.close)),
        onRelease: () => channels.delete(port2),
      });
      expose(apiFor(backend.lookupBudget()), endpoint);
      return port1;
    },
    notifySession(session) {
      for (const port of channels.keys()) port.postMessage({ type: SESSION_NOTICE_TYPE, session });
    },
    closeAll() {
      closedAll = true;
      for (const [port, close] of [...channels]) {
        port.postMessage({ type: CLOSED_NOTICE_TYPE });
        close();
      }
      channels.clear();
    },
  };
}
