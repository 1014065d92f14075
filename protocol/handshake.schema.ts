/** The shell's schema of the handshake request (handshake.ts says who sends it and what is checked). */
import * as z from "zod/mini";
import { CONNECT_TYPE } from "./handshake.ts";

/** The handshake request an iframe sends, exactly. */
export const connectMessageSchema = z.strictObject({
  type: z.literal(CONNECT_TYPE),
  version: z.literal(1),
});
