/**
 * Small zod/mini building blocks shared by the schemas of protocol/*.schema.ts. Plain check
 * functions and literals bundle less zod code than `z.refine`, zod's length and number checks or
 * `z.boolean()`, and the shell has a size budget (README "Performance").
 */
import * as z from "zod/mini";

/** A zod check that passes when `ok(value)`. */
export const checkThat =
  <T>(ok: (value: T) => boolean): z.core.CheckFn<T> =>
  (payload) => {
    if (!ok(payload.value)) payload.issues.push({ code: "custom", input: payload.value, message: "Invalid" });
  };

/** Exactly `z.boolean()`, as a literal: one schema kind less in the shell's bundle. */
export const booleanSchema = z.literal([true, false]);
