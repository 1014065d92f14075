/** Size entry: @auth0/auth0-spa-js as an app's session owner (popup sign-in, silent tokens). */
import { createAuth0Client } from "@auth0/auth0-spa-js";

const auth0 = await createAuth0Client({ domain: "idp.example", clientId: "bench" });
document.body.addEventListener("click", () => void auth0.loginWithPopup());
void auth0.getTokenSilently();
