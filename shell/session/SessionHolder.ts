/**
 * The one place that holds the session of a shell: current record, persistence, expiry timers
 * and the session events. Everything that changes the session goes through here.
 */
import type { Emitter } from "nanoevents";
import type { Signals } from "../signals.ts";
import type { SessionRecord, ShellEvents, SignedOutReason } from "../types.ts";
import { isRefreshable, isUsable, planExpiry } from "./expiry.ts";
import type { SessionStore } from "./store.ts";

/** What the holder needs around it. */
export interface HolderDeps {
  store: SessionStore;
  events: Emitter<ShellEvents>;
  now(): number;
  /** Told `refreshDue` when a refreshable session's refresh time comes, with the token to replace. */
  signals: Signals;
}

/** The session state of one shell. */
export interface SessionHolder {
  readonly record: SessionRecord | null;
  /** Whether the last session ended by expiring (rather than by a sign-out). */
  readonly expired: boolean;
  /** The current token while it may be handed out (unexpired with skew, not reported invalid). */
  usableToken(): string | null;
  /** Replaces the session; emits `signed-in` or `refreshed` unless the token is already current. */
  set(record: SessionRecord, event: "signed-in" | "refreshed"): boolean;
  /** Ends the session (no event when there was none); returns the record that was current. */
  clear(reason: SignedOutReason): SessionRecord | null;
  /** Marks `token` as refused by a server: it is not handed out again. */
  invalidate(token: string): void;
  /**
   * A silent refresh failed: plan the rest of the session without one (`expiring` then `expired`);
   * `refused` (the portal said no) also drops the refresh token, so no later attempt repeats it.
   */
  refreshFailed(refused: boolean): void;
  /** Stops the timers. */
  destroy(): void;
}

/** Creates the holder, starting from `initial` (a restored record) when given. */
export function createSessionHolder(deps: HolderDeps, initial: SessionRecord | null): SessionHolder {
  let record: SessionRecord | null = null;
  let invalidToken: string | null = null;
  let expired = false;
  let timers: ReturnType<typeof setTimeout>[] = [];

  const stopTimers = () => {
    for (const id of timers) clearTimeout(id);
    timers = [];
  };

  const schedule = (current: SessionRecord, canRefresh: boolean) => {
    stopTimers();
    const { expires, token } = current.session;
    const plan = planExpiry(expires, deps.now(), canRefresh);
    if (plan.refreshInMs !== null)
      timers.push(setTimeout(() => deps.signals.emit("refreshDue", token), plan.refreshInMs));
    if (plan.expiringInMs !== null) {
      timers.push(
        setTimeout(() => deps.events.emit("expiring", Math.max(0, expires - deps.now())), plan.expiringInMs),
      );
    }
    timers.push(
      setTimeout(() => {
        if (record !== current) return;
        record = null;
        expired = true;
        stopTimers();
        deps.store.clear();
        deps.events.emit("expired");
      }, plan.expiredInMs),
    );
  };

  const holder: SessionHolder = {
    get record() {
      return record;
    },
    get expired() {
      return expired;
    },
    usableToken() {
      if (record === null || record.session.token === invalidToken) return null;
      return isUsable(record.session.expires, deps.now()) ? record.session.token : null;
    },
    set(next, event) {
      if (record !== null && record.session.token === next.session.token) return false;
      record = next;
      invalidToken = null;
      deps.store.write(next);
      schedule(next, isRefreshable(next, deps.now()));
      deps.events.emit(event, next.session);
      return true;
    },
    clear(reason) {
      const previous = record;
      record = null;
      stopTimers();
      deps.store.clear();
      if (previous !== null) {
        expired = false;
        deps.events.emit("signed-out", reason);
      }
      return previous;
    },
    invalidate(token) {
      invalidToken = token;
    },
    refreshFailed(refused) {
      if (record === null) return;
      if (refused) {
        record = { session: record.session };
        deps.store.write(record);
      }
      schedule(record, false);
    },
    destroy: stopTimers,
  };
  if (initial !== null) {
    record = initial;
    schedule(initial, isRefreshable(initial, deps.now()));
  }
  return holder;
}
