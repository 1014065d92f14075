/**
 * The one message the callback page sends to the shell that opened it (docs/protocol.md §1), and the
 * keys the callback and the shell share for the no-opener and full-page-redirect hand-overs.
 * Imported by the shell; the callback page builds these messages without importing zod
 * (its own parser guarantees the shape), which keeps its script small.
 */
import * as z from "zod/mini";

import { CALLBACK_MESSAGE_TYPE, MAX_VALUE_LENGTH } from "./constants.ts";

// The constants live in constants.ts so the callback page can use them without bundling zod.
export {
  CALLBACK_CHANNEL,
  CALLBACK_MESSAGE_TYPE,
  MAX_VALUE_LENGTH,
  REDIRECT_PENDING_KEY_PREFIX,
  REDIRECT_RESULT_KEY,
} from "./constants.ts";

/**
 * A zod check that passes when `ok(value)`. A plain check function bundles less zod code than
 * `z.refine` or zod's length and number checks, and the shell has a size budget (README "Performance").
 */
const checkThat =
  <T>(ok: (value: T) => boolean): z.core.CheckFn<T> =>
  (payload) => {
    if (!ok(payload.value)) payload.issues.push({ code: "custom", input: payload.value, message: "Invalid" });
  };

const text = z.string().check(checkThat((value) => value !== "" && value.length <= MAX_VALUE_LENGTH));
const boundedText = z.string().check(checkThat((value) => value.length <= MAX_VALUE_LENGTH));

export const tokenResultSchema = z.strictObject({
  kind: z.literal("token"),
  token: text,
  expires: z.number().check(checkThat((value) => Number.isSafeInteger(value) && value > 0)),
  username: text,
  ssl: z.literal([true, false]), // exactly z.boolean(), one schema kind less in the shell (README "Performance")
});

export const codeResultSchema = z.strictObject({
  kind: z.literal("code"),
  code: text,
});

export const errorResultSchema = z.strictObject({
  kind: z.literal("error"),
  error: text,
  description: boundedText,
});

export type CallbackResult =
  | z.infer<typeof tokenResultSchema>
  | z.infer<typeof codeResultSchema>
  | z.infer<typeof errorResultSchema>;

export interface CallbackMessage {
  type: typeof CALLBACK_MESSAGE_TYPE;
  version: 1;
  state: string;
  result: CallbackResult;
}

const messageWith = (result: z.ZodMiniType<CallbackResult>): z.ZodMiniType<CallbackMessage> =>
  z.strictObject({ type: z.literal(CALLBACK_MESSAGE_TYPE), version: z.literal(1), state: text, result });

/** The whole message's schema for each `result.kind`. */
const messageSchemas: Record<string, z.ZodMiniType<CallbackMessage>> = {
  token: messageWith(tokenResultSchema),
  code: messageWith(codeResultSchema),
  error: messageWith(errorResultSchema),
};

/** Validates an inbound value; `null` for anything that is not exactly a callback message. */
export function parseCallbackMessage(value: unknown): CallbackMessage | null {
  // Picking the schema by `result.kind` here costs less bundle than zod's union (README "Performance"); the
  // picked schema still checks the whole message, strictly.
  const kind = (value as { result?: { kind?: unknown } } | null | undefined)?.result?.kind;
  const schema =
    typeof kind === "string" && Object.hasOwn(messageSchemas, kind) ? messageSchemas[kind] : null;
  const parsed = schema?.safeParse(value);
  return parsed?.success ? parsed.data : null;
}
