/** Size entry: oidc-client-ts as an app's session owner (popup sign-in, silent renew, tokens). */
import { UserManager } from "oidc-client-ts";

const manager = new UserManager({
  authority: "https://idp.example",
  client_id: "bench",
  redirect_uri: `${location.origin}/callback.html`,
});
document.body.addEventListener("click", () => void manager.signinPopup());
void manager.getUser();
