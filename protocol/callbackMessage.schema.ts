/**
 * The shell's strict schema of the callback message (callbackMessage.ts says who sends it and what
 * else the shell checks). Only the shell imports this file: the callback page stays zod-free.
 */
import * as z from "zod/mini";
import {
  CALLBACK_MESSAGE_TYPE,
  type CallbackMessage,
  type CallbackResult,
  MAX_VALUE_LENGTH,
} from "./callbackMessage.ts";
import { booleanSchema, checkThat } from "./zodChecks.ts";

const text = z.string().check(checkThat((value) => value !== "" && value.length <= MAX_VALUE_LENGTH));
const boundedText = z.string().check(checkThat((value) => value.length <= MAX_VALUE_LENGTH));

const messageWith = (result: z.ZodMiniType<CallbackResult>): z.ZodMiniType<CallbackMessage> =>
  z.strictObject({ type: z.literal(CALLBACK_MESSAGE_TYPE), version: z.literal(1), state: text, result });

/** The whole message's schema for each `result.kind`. */
const messageSchemas: Record<string, z.ZodMiniType<CallbackMessage>> = {
  token: messageWith(
    z.strictObject({
      kind: z.literal("token"),
      token: text,
      expires: z.number().check(checkThat((value) => Number.isSafeInteger(value) && value > 0)),
      username: text,
      ssl: booleanSchema,
    }),
  ),
  code: messageWith(z.strictObject({ kind: z.literal("code"), code: text })),
  error: messageWith(z.strictObject({ kind: z.literal("error"), error: text, description: boundedText })),
};

/** Validates an inbound value; `null` for anything that is not exactly a callback message. */
export function parseCallbackMessage(value: unknown): CallbackMessage | null {
  // Picking the schema by `result.kind` here costs less bundle than zod's union (README
  // "Performance"); the picked schema still checks the whole message, strictly.
  const kind = (value as { result?: { kind?: unknown } } | null | undefined)?.result?.kind;
  const schema =
    typeof kind === "string" && Object.hasOwn(messageSchemas, kind) ? messageSchemas[kind] : null;
  const parsed = schema?.safeParse(value);
  return parsed?.success ? parsed.data : null;
}
