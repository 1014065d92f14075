/**
 * Opening the sign-in popup, which the first load needs (a click opens it at once); watching it
 * is in `PopupWindow.ts`, loaded on first use (shell/README.md "Size").
 */

/** Window features of the sign-in popup (as rest-js, docs/arcgis.md §1). */
export const POPUP_FEATURES =
  "height=400,width=600,menubar=no,location=yes,resizable=yes,scrollbars=yes,status=yes";

/**
 * Opens an empty popup synchronously (inside the click, so no blocker objects); the caller navigates
 * it once its async work (the PKCE challenge) is done. Null when the browser blocked it.
 */
export function openBlankPopup(open: (url: string, target: string, features: string) => Window | null) {
  return open("about:blank", "_blank", POPUP_FEATURES);
}
