/** The shell's schemas of the tab messages and of a session record (tabs.ts says who sends what). */
import * as z from "zod/mini";
import type { TabMessage } from "./tabs.ts";
import { booleanSchema, checkThat } from "./zodChecks.ts";

const text = z.string().check(checkThat((value) => value !== ""));

/** A `SessionRecord` as JSON, whether read back from storage or received from another tab. */
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

const id = z.string().check(checkThat((value) => value !== "" && value.length <= 64));
/** The schema of each message `type` (picked by hand: zod's union costs more bundle, README "Performance"). */
const tabMessageSchemas = {
  session: z.object({
    type: z.literal("session"),
    kind: z.literal(["signed-in", "refreshed"]),
    record: sessionRecordSchema,
  }),
  "signed-out": z.object({ type: z.literal("signed-out") }),
  ask: z.object({ type: z.literal("ask"), id }),
  answer: z.object({ type: z.literal("answer"), to: id, record: sessionRecordSchema }),
};

/** `data` as a tab message, or null. Its record is checked for shape only, not yet for the portal. */
export function parseTabMessage(data: unknown): TabMessage | null {
  const type = (data as { type?: unknown } | null | undefined)?.type;
  if (typeof type !== "string" || !Object.hasOwn(tabMessageSchemas, type)) return null;
  const parsed = tabMessageSchemas[type as TabMessage["type"]].safeParse(data);
  return parsed.success ? (parsed.data as TabMessage) : null;
}
