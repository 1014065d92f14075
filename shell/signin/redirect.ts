/**
 * The full-page redirect hand-over through sessionStorage (docs/protocol.md §1 with protocol/callbackMessage.ts):
 * before leaving, the shell records `REDIRECT_PENDING_KEY_PREFIX + state` = `{returnTo}` for the
 * callback page, and under its own key what it needs to finish (flow, PKCE verifier). The callback
 * leaves its message under `REDIRECT_RESULT_KEY`; `takeRedirectAnswer` reads it once.
 */

import { REDIRECT_RESULT_KEY } from "../../protocol/callbackHandover.ts";
import { parseCallbackMessage } from "../../protocol/callbackMessage.schema.ts";
import { type CallbackMessage, REDIRECT_PENDING_KEY_PREFIX } from "../../protocol/callbackMessage.ts";
import { withoutFragment } from "../../protocol/origin.ts";

/** The shell's own per-sign-in record for a redirect (never read by the callback). */
export const REDIRECT_FLOW_KEY_PREFIX = "arcgis-auth-shell:redirect-flow:";

/** What the shell keeps to finish a redirect sign-in. */
export interface RedirectFlowRecord {
  clientId: string;
  portal: string;
  flow: "pkce" | "implicit";
  verifier?: string | undefined;
}

/** Records both keys for a redirect sign-in with `state`; `returnTo` loses its fragment. */
export function recordRedirect(storage: Storage, state: string, returnTo: string, flow: RedirectFlowRecord) {
  storage.setItem(
    REDIRECT_PENDING_KEY_PREFIX + state,
    JSON.stringify({ returnTo: withoutFragment(returnTo) }),
  );
  storage.setItem(REDIRECT_FLOW_KEY_PREFIX + state, JSON.stringify(flow));
}

/**
 * What `takeRedirectAnswer` found: an answer with its flow record, the reason it ignored one, or
 * null when the callback left none.
 */
export type RedirectAnswer =
  | { message: CallbackMessage; flow: RedirectFlowRecord }
  | "schema"
  | "state"
  | null;

/** `text` parsed; undefined when it is not JSON (a missing item, null, parses to null). */
function parseJson(text: string | null): unknown {
  try {
    return JSON.parse(text as string);
  } catch {
    return undefined;
  }
}

function isFlowRecord(value: unknown, clientId: string, portal: string): value is RedirectFlowRecord {
  // A property of a JSON primitive or null reads undefined, which no check below takes.
  const record = value as Record<string, unknown> | null | undefined;
  return (
    record?.clientId === clientId &&
    record.portal === portal &&
    (record.flow === "pkce" || record.flow === "implicit") &&
    (record.verifier === undefined || typeof record.verifier === "string")
  );
}

/**
 * Reads and deletes the callback's answer; accepts it only when it parses and its `state` has a
 * flow record of this app (single use: the record is deleted with it).
 */
export function takeRedirectAnswer(storage: Storage, clientId: string, portal: string): RedirectAnswer {
  const raw = storage.getItem(REDIRECT_RESULT_KEY);
  if (raw === null) return null;
  storage.removeItem(REDIRECT_RESULT_KEY);
  const message = parseCallbackMessage(parseJson(raw));
  if (message === null) return "schema";
  const flowKey = REDIRECT_FLOW_KEY_PREFIX + message.state;
  const flow = parseJson(storage.getItem(flowKey));
  if (!isFlowRecord(flow, clientId, portal)) return "state";
  storage.removeItem(flowKey);
  storage.removeItem(REDIRECT_PENDING_KEY_PREFIX + message.state);
  return { message, flow };
}
