/**
 * The one plain-text line the callback page shows where it cannot close itself. Pure; the page
 * writes it with `textContent`, so nothing from the URL is ever parsed as HTML.
 */
import type { HandoverResult } from "./handover.ts";
import type { CallbackOutcome } from "./parse.ts";

/** Longest part of a portal's `error_description` shown to the user. */
const MAX_SHOWN_DESCRIPTION = 200;

const CLOSE_HINT = "You can close this window.";

/** The line for this outcome and hand-over. Never contains a token or a code. */
export function statusText(outcome: CallbackOutcome, handover: HandoverResult | null): string {
  if (outcome.kind === "unsendable" || handover === null) return `Sign-in failed. ${CLOSE_HINT}`;
  if (handover.kind === "failed") return `Sign-in failed: ${handover.reason}. ${CLOSE_HINT}`;
  if (handover.kind === "redirected") return "Signing in…";
  const { result } = outcome.message;
  if (result.kind !== "error") return `Signed in. ${CLOSE_HINT}`;
  if (result.error === "access_denied") return `Sign-in cancelled. ${CLOSE_HINT}`;
  const detail = (result.description || result.error).slice(0, MAX_SHOWN_DESCRIPTION).replace(/\.$/, "");
  return `Sign-in failed: ${detail}. ${CLOSE_HINT}`;
}
