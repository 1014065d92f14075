/**
 * The default re-sign-in prompt: a small modal `<dialog>` ("Your ArcGIS session has expired",
 * Sign in / Cancel). A popup needs a user gesture, so Sign in calls `signIn()` synchronously inside
 * its click. Escape and Cancel reject with `AccessDeniedError`. Keyboard: the dialog is modal,
 * focus starts on Sign in, Tab moves between the two buttons.
 */
import { AccessDeniedError } from "../../protocol/errors.ts";
import type { PromptFunction } from "../options.ts";

/** Heading of the dialog per reason. */
export const PROMPT_TITLES = {
  expired: "Your ArcGIS session has expired",
  "invalid-token": "Your ArcGIS session has expired",
  "signed-out": "Sign in to ArcGIS",
} as const;

/** The built-in prompt on `doc`; `signIn` must open the popup synchronously. */
export function createDialogPrompt(doc: Document, signIn: () => Promise<unknown>): PromptFunction {
  let open: HTMLDialogElement | null = null;
  return (reason, signal) =>
    new Promise<void>((resolve, reject) => {
      open?.remove();
      const dialog = doc.createElement("dialog");
      open = dialog;
      dialog.className = "arcgis-auth-shell-prompt";
      const title = doc.createElement("h2");
      title.id = "arcgis-auth-shell-prompt-title";
      title.textContent = PROMPT_TITLES[reason];
      const text = doc.createElement("p");
      text.textContent = "Sign in again to continue where you left off.";
      const signInButton = doc.createElement("button");
      signInButton.type = "button";
      signInButton.textContent = "Sign in";
      signInButton.autofocus = true;
      const cancelButton = doc.createElement("button");
      cancelButton.type = "button";
      cancelButton.textContent = "Cancel";
      dialog.setAttribute("aria-labelledby", title.id);
      dialog.append(title, text, signInButton, cancelButton);

      const finish = (outcome?: Error) => {
        signal.removeEventListener("abort", onAbort);
        if (dialog.open) dialog.close();
        dialog.remove();
        if (open === dialog) open = null;
        if (outcome) reject(outcome);
        else resolve();
      };
      const onAbort = () => finish();
      signInButton.addEventListener("click", () => {
        signIn().catch(() => {}); // its outcome reaches the waiters through the shell, not through here
        finish();
      });
      cancelButton.addEventListener("click", () =>
        finish(new AccessDeniedError("The user dismissed the sign-in prompt.")),
      );
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault(); // Escape: same as Cancel
        finish(new AccessDeniedError("The user dismissed the sign-in prompt."));
      });
      if (signal.aborted) return finish();
      signal.addEventListener("abort", onAbort);
      doc.body.append(dialog);
      dialog.showModal();
    });
}
