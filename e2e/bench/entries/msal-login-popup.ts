/** Size entry: MSAL Browser v5 as an app's session owner (`loginPopup`, `acquireTokenSilent`). */
import { PublicClientApplication } from "@azure/msal-browser";

const msal = new PublicClientApplication({ auth: { clientId: "bench" } });
document.body.addEventListener("click", () => void msal.loginPopup({ scopes: ["openid"] }));
void msal.initialize();
