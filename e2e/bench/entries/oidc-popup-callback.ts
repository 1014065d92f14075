/** Size entry: oidc-client-ts's popup callback page (what its redirect page loads). */
import { UserManager } from "oidc-client-ts";

void new UserManager({
  authority: "https://idp.example",
  client_id: "bench",
  redirect_uri: location.href,
}).signinPopupCallback();
