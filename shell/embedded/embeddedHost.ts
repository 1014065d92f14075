/**
 * The ArcGIS embedded-app protocol, parent side (SPEC §4.5, ARCGIS.md §4): a frame of this page
 * from an allowed origin that asks `{type:"arcgis:auth:requestCredential"}` gets the session's
 * credential. Without a valid session the answer waits for the coordinated sign-in (rest-js's
 * child has no timeout and takes the first message it gets, so it is sent exactly one message).
 */
import * as z from "zod/mini";
import { type PageAccess, windowAccess } from "../channels/frameHandshake.ts";
import type { ArcGISCredential } from "../types.ts";

const requestCredentialSchema = z.object({ type: z.literal("arcgis:auth:requestCredential") });

/** The error the ArcGIS hosts send; children rethrow it with this `name`. */
const EXPIRED_ERROR_NAME = "tokenExpiredError";

/** Starts answering embedded apps; the returned function stops, failing requests still waiting. */
export function listenForEmbeddedApps(options: {
  childOrigins: readonly string[];
  /** The credential, after the coordinated sign-in when there is no valid session; rejects when it fails. */
  credential(): Promise<ArcGISCredential>;
  onRefused?(origin: string): void;
  page?: PageAccess;
}): () => void {
  const page = options.page ?? windowAccess();
  const allowed = new Set(options.childOrigins);
  const waiting = new Set<(message: unknown) => void>();
  let stopped = false;

  const onMessage = (event: MessageEvent) => {
    if (!requestCredentialSchema.safeParse(event.data).success) return;
    if (!allowed.has(event.origin) || !page.isOwnFrame(event.source)) {
      options.onRefused?.(event.origin); // and silence: ARCGIS.md §4
      return;
    }
    const child = event.source as Window;
    const origin = event.origin;
    const reply = (message: unknown) => {
      if (!waiting.delete(reply)) return;
      child.postMessage(message, origin);
    };
    waiting.add(reply);
    options.credential().then(
      (credential) => reply({ type: "arcgis:auth:credential", credential: { ...credential } }),
      (error: unknown) =>
        reply({
          type: "arcgis:auth:error",
          error: {
            name: EXPIRED_ERROR_NAME,
            message: error instanceof Error ? error.message : "Sign-in failed.",
          },
        }),
    );
  };
  const unlisten = page.listen(onMessage);
  return () => {
    if (stopped) return;
    stopped = true;
    unlisten();
    const error = { name: EXPIRED_ERROR_NAME, message: "The auth shell was destroyed." };
    for (const reply of [...waiting]) reply({ type: "arcgis:auth:error", error });
  };
}
