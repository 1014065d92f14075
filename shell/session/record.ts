/** The schema of a stored or tab-shared session record: anything read back is validated first. */
import * as z from "zod/mini";
import { booleanSchema, checkThat } from "../../sdk/contract.ts";
import type { SessionRecord } from "../types.ts";

const text = z.string().check(checkThat((value) => value !== ""));

/** A `SessionRecord` as JSON. */
export const sessionRecordSchema = z.object({
  session: z.object({
    token: text,
    expires: z.number(),
    username: text,
    ssl: booleanSchema,
    portal: text,
  }),
  refreshToken: z.optional(text),
  refreshExpires: z.optional(z.number()),
});

/** The record if `value` is one for `portal`, else null. */
export function parseSessionRecord(value: unknown, portal: string): SessionRecord | null {
  const parsed = sessionRecordSchema.safeParse(value);
  return parsed.success && parsed.data.session.portal === portal ? parsed.data : null;
}

/** The later-ending of two records (either may be null). */
export function newestRecord(a: SessionRecord | null, b: SessionRecord | null): SessionRecord | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.session.expires > a.session.expires ? b : a;
}
