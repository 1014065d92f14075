/** What an accepted callback answer means: a session record, or the typed error it stands for. */
import type { CallbackResult } from "../../protocol/callbackMessage.ts";
import { AccessDeniedError } from "../../protocol/errors.ts";
import { signInFailed } from "../errors.ts";
import type { SessionRecord } from "../types.ts";
import type { TokenEndpoint } from "./tokenEndpoint.ts";

/** The answer's context: the flow it was started with and, for PKCE, its verifier. */
export interface AnswerContext {
  flow: "pkce" | "implicit";
  verifier?: string | undefined;
  portal: string;
  tokens: TokenEndpoint;
}

/**
 * Turns the callback's result into a session record: an implicit token as is, a PKCE code through
 * the token endpoint. An answer of the wrong kind for the flow is an `invalid_response`.
 */
export async function recordFromAnswer(
  result: CallbackResult,
  context: AnswerContext,
): Promise<SessionRecord> {
  if (result.kind === "error") {
    if (result.error === "access_denied") throw new AccessDeniedError();
    throw signInFailed(result.error, result.description);
  }
  if (result.kind === "token") {
    if (context.flow !== "implicit") throw signInFailed("invalid_response", "a token answered a code flow");
    const { token, expires, username, ssl } = result;
    return { session: { token, expires, username, ssl, portal: context.portal } };
  }
  if (context.flow !== "pkce" || context.verifier === undefined) {
    throw signInFailed("invalid_response", "a code answered an implicit flow");
  }
  return context.tokens.exchangeCode(result.code, context.verifier);
}
