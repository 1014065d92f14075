/**
 * Session sync between the tabs of one origin over a BroadcastChannel (distinct from the callback
 * channel): sign-in, refresh and sign-out reach every tab at once, and a new tab asks the others
 * for the session (sessionStorage is per tab). Inbound messages are validated; the channel is
 * same-origin by construction, so the refresh token may travel on it.
 */
import * as z from "zod/mini";
import { checkThat } from "../../sdk/contract.ts";
import type { HostChannel, ShellHost } from "../host.ts";
import type { SessionRecord } from "../types.ts";
import { parseSessionRecord, sessionRecordSchema } from "./record.ts";

/** Prefix of the tab channel's name; the session key follows. */
export const TAB_CHANNEL_PREFIX = "arcgis-auth-shell/tabs:";
/** How long a new tab waits for another tab's answer. */
export const ASK_TIMEOUT_MS = 300;

const id = z.string().check(checkThat((value) => value !== "" && value.length <= 64));
/** The schema of each message `type` (picked by hand: zod's union costs more bundle, README "Performance"). */
const tabMessageSchemas = {
  session: z.object({
    type: z.literal("session"),
    kind: z.literal(["signed-in", "refreshed"]),
    record: sessionRecordSchema,
  }),
  "signed-out": z.object({ type: z.literal("signed-out") }),
  ask: z.object({ type: z.literal("ask"), id }),
  answer: z.object({ type: z.literal("answer"), to: id, record: sessionRecordSchema }),
};
type TabMessage = z.infer<(typeof tabMessageSchemas)[keyof typeof tabMessageSchemas]>;

function parseTabMessage(data: unknown): TabMessage | null {
  const type = (data as { type?: unknown } | null | undefined)?.type;
  if (typeof type !== "string" || !Object.hasOwn(tabMessageSchemas, type)) return null;
  const parsed = tabMessageSchemas[type as TabMessage["type"]].safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** What other tabs tell this one. */
export interface TabHandlers {
  onSession(kind: "signed-in" | "refreshed", record: SessionRecord): void;
  onSignedOut(): void;
  /** This tab's usable record, to answer a new tab. */
  current(): SessionRecord | null;
}

/** This tab's side of the channel. */
export interface TabSync {
  announce(kind: "signed-in" | "refreshed", record: SessionRecord): void;
  announceSignOut(): void;
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
    announce: (kind, record) => channel?.post({ type: "session", kind, record }),
    announceSignOut: () => channel?.post({ type: "signed-out" }),
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
