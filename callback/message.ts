/**
 * The one message the callback page sends to the shell that opened it (SPEC §4.1), and the
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

const text = z.string().check(z.minLength(1), z.maxLength(MAX_VALUE_LENGTH));
const boundedText = z.string().check(z.maxLength(MAX_VALUE_LENGTH));

export const tokenResultSchema = z.strictObject({
  kind: z.literal("token"),
  token: text,
  expires: z.number().check(z.int(), z.positive()),
  username: text,
  ssl: z.boolean(),
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

export const callbackResultSchema = z.discriminatedUnion("kind", [
  tokenResultSchema,
  codeResultSchema,
  errorResultSchema,
]);

export const callbackMessageSchema = z.strictObject({
  type: z.literal(CALLBACK_MESSAGE_TYPE),
  version: z.literal(1),
  state: text,
  result: callbackResultSchema,
});

export type CallbackResult = z.infer<typeof callbackResultSchema>;
export type CallbackMessage = z.infer<typeof callbackMessageSchema>;

/** Validates an inbound value; `null` for anything that is not exactly a callback message. */
export function parseCallbackMessage(value: unknown): CallbackMessage | null {
  const parsed = callbackMessageSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
