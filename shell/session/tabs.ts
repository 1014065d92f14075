/**
 * Session sync between the tabs of one origin over a BroadcastChannel (distinct from the callback
 * channel; its messages are protocol/tabs.ts): sign-in, refresh and sign-out reach every tab at
 * once, and a new tab asks the others for the session (sessionStorage is per tab). Inbound
 * messages are validated; the channel is same-origin by construction, so the refresh token may
 * travel on it.
 */
import { parseTabMessage } from "../../protocol/tabs.schema.ts";
import { ASK_TIMEOUT_MS, type SessionRecord } from "../../protocol/tabs.ts";
import type { HostChannel, ShellHost } from "../host.ts";
import { parseSessionRecord } from "./record.ts";

type TabKind = "signed-in" | "refreshed" | "signed-out";

/** What other tabs tell this one. */
export interface TabHandlers {
  onSession(kind: "signed-in" | "refreshed", record: SessionRecord): void;
  onSignedOut(): void;
  /** This tab's usable record, to answer a new tab. */
  current(): SessionRecord | null;
}

/** This tab's side of the channel. */
export interface TabSync {
  /** Tells the other tabs of a new session (`record`), or of a sign-out. */
  announce(kind: "signed-in" | "refreshed", record: SessionRecord): void;
  announce(kind: "signed-out"): void;
  /** Asks the other tabs for their session; null when none answers within `ASK_TIMEOUT_MS`. */
  ask(): Promise<SessionRecord | null>;
  close(): void;
}

/** Opens the channel `name`; without BroadcastChannel every call is a no-op. */
export function createTabSync(host: ShellHost, name: string, portal: string, handlers: TabHandlers): TabSync {
  const tabId = Array.from(host.crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16)).join("");
  const waiting = new Set<(record: SessionRecord | null) => void>();
  let channel: HostChannel | null = null;
  const onMessage = (event: MessageEvent) => {
    const message = parseTabMessage(event.data);
    if (message === null) return;
    if (message.type === "signed-out") return handlers.onSignedOut();
    if (message.type === "ask") {
      const record = handlers.current();
      if (record !== null) channel?.post({ type: "answer", to: message.id, record });
      return;
    }
    const record = parseSessionRecord(message.record, portal);
    if (record === null) return;
    if (message.type === "session") return handlers.onSession(message.kind, record);
    if (message.to === tabId) for (const take of waiting) take(record);
  };
  channel = host.channel(name, onMessage);
  return {
    announce: (kind: TabKind, record?: SessionRecord) =>
      channel?.post(record ? { type: "session", kind, record } : { type: kind }),
    ask() {
      if (channel === null) return Promise.resolve(null);
      return new Promise((resolve) => {
        const finish = (record: SessionRecord | null) => {
          clearTimeout(timer);
          waiting.delete(finish);
          resolve(record);
        };
        const timer = setTimeout(() => finish(null), ASK_TIMEOUT_MS);
        waiting.add(finish);
        channel?.post({ type: "ask", id: tabId });
      });
    },
    close() {
      for (const finish of waiting) finish(null);
      channel?.close();
      channel = null;
    },
  };
}
