/**
 * The acceptance rules of docs/protocol.md §1 for callback messages, pure: the caller hands in what arrived
 * and what is pending, and acts on the verdict. Nothing here has side effects.
 */
import { parseCallbackMessage } from "../../protocol/callbackMessage.schema.ts";
import type { CallbackMessage } from "../../protocol/callbackMessage.ts";

/**
 * What arrived: a `MessageEvent` from `window`, or one from the callback BroadcastChannel. `source`
 * and `data` are read only once the origin passes: each costs (a frame's window object, the
 * decoded message), and every message of the page (an embedded app's ask, say) comes by here.
 */
export interface InboundMessage {
  readonly origin: string;
  readonly source: unknown;
  readonly data: unknown;
}

/** A sign-in waiting for its answer: its `state` and the popup it opened (null for none). */
export interface PendingAnswer {
  state: string;
  popup: unknown;
}

/** Why a message was ignored (for diagnostics). */
export type IgnoreReason = "origin" | "source" | "channel" | "schema" | "state";

/** The verdict on one message. */
export type CallbackVerdict<P extends PendingAnswer> =
  | { kind: "accept"; pending: P; message: CallbackMessage }
  /** From our popup and well-formed, but not its state: that popup's sign-in must fail. */
  | { kind: "state-mismatch"; pending: P }
  | { kind: "ignore"; reason: IgnoreReason };

/**
 * Accepts a message only when its origin is the callback's (`callbackOrigin`, the origin of
 * `redirectUri`), it came from a popup we opened (or on our BroadcastChannel, `viaChannel`, when
 * `channelAllowed`: the callback is same-origin as the shell), it parses, and its `state` is one of
 * the `pending` sign-ins'.
 */
export function judgeCallback<P extends PendingAnswer>(
  inbound: InboundMessage,
  viaChannel: boolean,
  callbackOrigin: string,
  channelAllowed: boolean,
  pending: readonly P[],
): CallbackVerdict<P> {
  if (inbound.origin !== callbackOrigin) return { kind: "ignore", reason: "origin" };
  let owner: P | undefined;
  if (viaChannel) {
    if (!channelAllowed) return { kind: "ignore", reason: "channel" };
  } else {
    owner = pending.find((p) => p.popup !== null && p.popup === inbound.source);
    if (owner === undefined) return { kind: "ignore", reason: "source" };
  }
  const message = parseCallbackMessage(inbound.data);
  if (message === null) return { kind: "ignore", reason: "schema" };
  const match = pending.find((p) => p.state === message.state);
  if (match !== undefined && (owner === undefined || owner === match)) {
    return { kind: "accept", pending: match, message };
  }
  // A channel carries every tab's answers: a foreign state there is someone else's, not an attack on us.
  if (owner !== undefined) return { kind: "state-mismatch", pending: owner };
  return { kind: "ignore", reason: "state" };
}
