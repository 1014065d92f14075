/**
 * The shell↔SDK contract (README "API", docs/protocol.md §2 and §3): the API the shell exposes on every app's port,
 * the wire constants, and the zod schemas with which the shell checks every inbound argument.
 * The SDK imports only the zod-free part (`wire.ts`, `errors.ts`) to stay within its budget.
 */
import * as z from "zod/mini";
import type { PortMethod } from "./wire.ts";

export * from "./errors.ts";
export * from "./wire.ts";

/** Longest URL the shell accepts from an app. */
export const MAX_URL_LENGTH = 8192;

/**
 * A zod check that passes when `ok(value)`. A plain check function bundles less zod code than
 * `z.refine` or zod's length and number checks, and the shell has a size budget (README "Performance").
 */
export const checkThat =
  <T>(ok: (value: T) => boolean): z.core.CheckFn<T> =>
  (payload) => {
    if (!ok(payload.value)) payload.issues.push({ code: "custom", input: payload.value, message: "Invalid" });
  };

const nonEmptyUpTo = (max: number) =>
  z.string().check(checkThat((value) => value !== "" && value.length <= max));
/** Exactly `z.boolean()`, as a literal: one schema kind less in the shell's bundle (README "Performance"). */
export const booleanSchema = z.literal([true, false]);

const url = nonEmptyUpTo(MAX_URL_LENGTH);
const token = nonEmptyUpTo(16 * 1024);

const authReportSchema = z.strictObject({
  url: z.optional(url),
  token: z.optional(token),
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

/** The handshake request an iframe sends (docs/protocol.md §2), exactly. */
export const connectMessageSchema = z.strictObject({
  type: z.literal("arcgis-auth-shell/connect"),
  version: z.literal(1),
});
