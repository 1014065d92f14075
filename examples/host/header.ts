/**
 * The host's header: who is signed in, how long the token has left (redrawn every second), and
 * the Sign in / Sign out buttons.
 */
import type { AuthShell } from "../../shell/index.ts";
import { describeError } from "../apps/shared/sameWindow.ts";
import type { LogLine } from "./eventLog.ts";
import { formatDuration } from "./format.ts";

/** The header's elements (from the host page). */
export interface HeaderElements {
  user: HTMLElement;
  timeLeft: HTMLElement;
  signIn: HTMLButtonElement;
  signOut: HTMLButtonElement;
}

/** Wires the header to `shell`; returns the function that redraws it. */
export function mountHeader(shell: AuthShell, elements: HeaderElements, log: LogLine): () => void {
  const { user, timeLeft, signIn, signOut } = elements;
  const render = () => {
    const session = shell.session;
    user.textContent = session ? session.username : "Signed out";
    timeLeft.textContent = session ? formatDuration(session.expires - Date.now()) : "—";
    signIn.hidden = session !== null;
    signOut.hidden = session === null;
  };
  signIn.addEventListener("click", () => {
    // Called straight from the click: the popup must open inside the user's gesture.
    shell.signIn().catch((error: unknown) => log(`sign-in failed: ${describeError(error)}`));
  });
  signOut.addEventListener("click", () => {
    shell.signOut().catch((error: unknown) => log(`sign-out failed: ${describeError(error)}`));
  });
  for (const event of ["signed-in", "signed-out", "refreshed", "expired"] as const) shell.on(event, render);
  setInterval(render, 1000);
  render();
  return render;
}
