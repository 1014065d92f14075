/** The shell's schema of an embedded child's request (embedded.ts says who sends it and what is checked). */
import * as z from "zod/mini";

/** `{ type: "arcgis:auth:requestCredential" }`; other keys are the child's own and ignored. */
export const requestCredentialSchema = z.object({ type: z.literal("arcgis:auth:requestCredential") });
