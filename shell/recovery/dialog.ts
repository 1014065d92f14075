/**
 * The default re-sign-in prompt: a small modal `<dialog>` ("Your ArcGIS session has expired",
 * Sign in / Cancel). A popup needs a user gesture, so Sign in calls `signIn()` synchronously inside
 * its click. Escape and Cancel reject with `AccessDeniedError`. Keyboard: the dialog is modal,
 * focus starts on Sign in, Tab moves between the two buttons.
 */
import { AccessDeniedError } from "../../protocol/errors.ts";
import type { PromptFunction } from "../options.ts";

const CLASS_NAME = "arcgis-auth-shell-prompt";

/** The built-in prompt on `doc`; `signIn` must open the popup synchronously. */
export function createDialogPrompt(doc: Document, signIn: () => Promise<unknown>): PromptFunction {
  let open: HTMLDialogElement | null = null;
  const element = <K extends keyof HTMLElementTagNameMap>(tag: K, text: string) => {
    const made = doc.createElement(tag);
    made.textContent = text;
    return made;
  };
  const button = (text: string, onClick: () => void) => {
    const made = element("button", text);
    made.type = "button";
    made.addEventListener("click", onClick);
    return made;
  };
  return (reason, signal) =>
    new Promise<void>((resolve, reject) => {
      open?.remove();
      const dialog = doc.createElement("dialog");
      open = dialog;
      dialog.className = CLASS_NAME;
      const title = element(
        "h2",
        reason === "signed-out" ? "Sign in to ArcGIS" : "Your ArcGIS session has expired",
      );
      title.id = `${CLASS_NAME}-title`;
      dialog.setAttribute("aria-labelledby", title.id);

      const finish = (outcome?: Error) => {
        signal.removeEventListener("abort", onAbort);
        if (dialog.open) dialog.close();
        dialog.remove();
        if (open === dialog) open = null;
        if (outcome) reject(outcome);
        else resolve();
      };
      const onAbort = () => finish();
      const dismiss = () => finish(new AccessDeniedError("The user dismissed the sign-in prompt."));
      const signInButton = button("Sign in", () => {
        signIn().catch(() => {}); // its outcome reaches the waiters through the shell, not through here
        finish();
      });
      signInButton.autofocus = true;
      dialog.append(
        title,
        element("p", "Sign in again to continue where you left off."),
        signInButton,
        button("Cancel", dismiss),
      );
      dialog.addEventListener("cancel", (event) => {
        event.preventDefault(); // Escape: same as Cancel
        dismiss();
      });
      if (signal.aborted) return finish();
      signal.addEventListener("abort", onAbort);
      doc.body.append(dialog);
      dialog.showModal();
    });
}
