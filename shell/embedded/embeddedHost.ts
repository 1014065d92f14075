/**
 * The ArcGIS embedded-app protocol, parent side (README "Embedded ArcGIS apps"): a frame of this
 * page from an allowed origin that asks `{type:"arcgis:auth:requestCredential"}` gets the session's
 * credential. Without a valid session the answer waits for the coordinated sign-in. A frame that
 * asks again while it holds the current token reports that token as failed (the Maps SDK's child
 * asks after each portal 498); `askPolicy.ts` bounds how often, `reportFailed` decides what it costs. rest-js's child has no timeout and
 * takes the first message it gets, so a frame is sent one message per pending ask and nothing else.
 */
import { requestCredentialSchema } from "../../protocol/embedded.schema.ts";
import { type ArcGISCredential, authErrorMessage, credentialMessage } from "../../protocol/embedded.ts";
import { toWireError } from "../../protocol/wireError.ts";
import { type FrameGateOptions, listenToChildFrames } from "../channels/frameGate.ts";
import { createAskPolicy } from "./askPolicy.ts";

/** Starts answering embedded apps; the returned function stops, failing requests still waiting. */
export function listenForEmbeddedApps(
  options: FrameGateOptions & {
    /**
     * The credential: at once from a usable session (answered within the ask's own task, as rest-js's
     * host does), else after the coordinated sign-in; rejects when that fails.
     */
    credential(): ArcGISCredential | Promise<ArcGISCredential>;
    /** A frame says `token` failed: the credential to send it (after the coordinated retry if it did). */
    reportFailed(token: string): Promise<ArcGISCredential>;
    /** The token the shell hands out now, or null. */
    currentToken(): string | null;
    now?: () => number;
  },
): () => void {
  const now = options.now ?? Date.now;
  const policy = createAskPolicy(now);
  const waiting = new Set<(message: unknown) => void>();

  const onAsk = (child: Window, origin: string) => {
    const decision = policy.decide(child, origin, options.currentToken());
    if (decision.kind === "join") return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Each ask is answered once: by its outcome, its delayed refusal, or the stop.
    const reply = (message: unknown, token?: string) => {
      if (!waiting.delete(reply)) return;
      clearTimeout(timer);
      policy.answered(child, origin, token);
      child.postMessage(message, origin);
    };
    waiting.add(reply);
    if (decision.kind === "refuse") {
      timer = setTimeout(
        () => reply(authErrorMessage("Too many requests; try again later.")),
        decision.at - now(),
      );
      return;
    }
    const pending = decision.kind === "report" ? options.reportFailed(decision.token) : options.credential();
    if (!(pending instanceof Promise)) return reply(credentialMessage(pending), pending.token);
    pending.then(
      (credential) => reply(credentialMessage(credential), credential.token),
      // What an app is told on its channel too: the kind's fixed message, or a scrubbed one.
      (error: unknown) => reply(authErrorMessage(toWireError(error).message)),
    );
  };
  const unlisten = listenToChildFrames(
    options,
    (data) => requestCredentialSchema.safeParse(data).success,
    onAsk,
  );
  // Stopping twice does nothing more: the listener is gone and nothing waits.
  return () => {
    unlisten();
    for (const reply of [...waiting]) reply(authErrorMessage("The auth shell was destroyed."));
  };
}
