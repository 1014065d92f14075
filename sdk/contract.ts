/**
 * The shell↔SDK contract (SPEC §3.2, §4.3, §4.4): the API the shell exposes on every app's port,
 * the wire constants, and the zod schemas with which the shell checks every inbound argument.
 * The SDK imports only the zod-free part (`wire.ts`, `errors.ts`) to stay within its budget.
 */
import * as z from "zod/mini";
import type { PortMethod } from "./wire.ts";

export * from "./errors.ts";
export * from "./wire.ts";

/** Longest URL the shell accepts from an app. */
export const MAX_URL_LENGTH = 8192;

const url = z.string().check(z.minLength(1), z.maxLength(MAX_URL_LENGTH));
const token = z.string().check(z.minLength(1), z.maxLength(16 * 1024));

const authReportSchema = z.strictObject({
  url: z.optional(url),
  token: z.optional(token),
  code: z.optional(z.number().check(z.int(), z.gte(0), z.lte(999))),
});

/** Argument lists of each port method, checked before the shell runs it. */
export const portArgumentSchemas: Record<PortMethod, z.ZodMiniType<unknown[]>> = {
  hello: z.tuple([]),
  getToken: z.tuple([z.optional(url), z.boolean()]),
  getSession: z.tuple([]),
  reportAuthError: z.tuple([authReportSchema]),
  ping: z.tuple([]),
};

/** The handshake request an iframe sends (SPEC §4.3), exactly. */
export const connectMessageSchema = z.strictObject({
  type: z.literal("arcgis-auth-shell/connect"),
  version: z.literal(1),
});
