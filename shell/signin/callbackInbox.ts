/**
 * Where callback answers arrive (docs/protocol.md §1): the window's messages and, for a same-origin
 * callback, the callback BroadcastChannel. Listening starts with the shell, so every message is
 * judged and counted from the first one; the sign-in flow, loaded on first use, takes the messages
 * over once it exists. Until then no sign-in is pending, so every answer is ignored: by its origin,
 * else by its source (no popup of ours is open), and a message on the callback channel by its shape
 * or its state, which the parser loaded with the later parts tells (a first load without it).
 */
import { CALLBACK_CHANNEL } from "../../protocol/callbackHandover.ts";
import type { HostChannel, ShellHost } from "../host.ts";
import { loadLater } from "../lazy.ts";
import type { ResolvedOptions } from "../options.ts";
import type { IgnoreReason } from "./acceptCallback.ts";

/** Counts of messages the shell ignored, by rule (for diagnostics and tests). */
export type IgnoredCounts = Record<IgnoreReason, number>;

/** Handles one inbound message; `viaChannel`: it came on the callback BroadcastChannel. */
export type InboxHandler = (event: MessageEvent, viaChannel: boolean) => void;

/** The callback listeners of one shell. */
export interface CallbackInbox {
  readonly ignored: IgnoredCounts;
  /** Whether the callback page is on this page's origin (the BroadcastChannel is a legitimate path). */
  readonly sameOriginCallback: boolean;
  readonly channel: HostChannel | null;
  /** The flow takes the messages over. */
  takeOver(handler: InboxHandler): void;
  close(): void;
}

/** Starts listening for callback answers. */
export function createCallbackInbox(
  options: Pick<ResolvedOptions, "redirectOrigin">,
  host: Pick<ShellHost, "listen" | "channel" | "location">,
): CallbackInbox {
  const sameOriginCallback = options.redirectOrigin === host.location.origin;
  const ignored: IgnoredCounts = { origin: 0, source: 0, channel: 0, schema: 0, state: 0 };
  // The acceptance rules (acceptCallback.ts) with nothing pending.
  let handler: InboxHandler = (event, viaChannel) => {
    if (event.origin !== options.redirectOrigin) ignored.origin += 1;
    else if (!viaChannel) ignored.source += 1;
    else {
      const { data } = event;
      loadLater().then(
        (later) => (ignored[later.parseCallbackMessage(data) === null ? "schema" : "state"] += 1),
        () => {}, // not counted: the shell could not load its parts (signIn() reports that)
      );
    }
  };
  const unlisten = host.listen((event) => handler(event, false));
  const channel = sameOriginCallback ? host.channel(CALLBACK_CHANNEL, (event) => handler(event, true)) : null;
  return {
    ignored,
    sameOriginCallback,
    channel,
    takeOver(next) {
      handler = next;
    },
    close() {
      unlisten();
      channel?.close();
    },
  };
}
