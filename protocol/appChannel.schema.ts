/**
 * The shell's schemas of every app-channel argument (appChannel.ts says who calls and what else is
 * checked). Only the shell imports this file: the SDK stays zod-free.
 */
import * as z from "zod/mini";
import { MAX_URL_LENGTH, type PortMethod } from "./appChannel.ts";
import { MAX_VALUE_LENGTH } from "./callbackMessage.ts";
import { booleanSchema, checkThat } from "./zodChecks.ts";

/** A non-empty string of at most `max` characters. */
const textUpTo = (max: number) => z.string().check(checkThat((value) => value !== "" && value.length <= max));

const url = textUpTo(MAX_URL_LENGTH);

const authReportSchema = z.strictObject({
  url: z.optional(url),
  token: z.optional(textUpTo(MAX_VALUE_LENGTH)),
  code: z.optional(
    z.number().check(checkThat((value) => Number.isInteger(value) && value >= 0 && value <= 999)),
  ),
});

/**
 * The schema of each argument of each port method, by position, checked before the shell runs it:
 * a call must pass exactly this many arguments (per-argument schemas instead of `z.tuple` keep
 * the zod code the shell bundles small, README "Performance").
 */
export const portArgumentSchemas: Record<PortMethod, readonly z.ZodMiniType[]> = {
  hello: [],
  getToken: [z.optional(url), booleanSchema],
  getSession: [],
  reportAuthError: [authReportSchema],
  ping: [],
};
