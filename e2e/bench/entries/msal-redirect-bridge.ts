/** Size entry: MSAL Browser v5's redirect bridge, the page its popup and redirect flows land on. */
import { broadcastResponseToMainFrame } from "@azure/msal-browser/redirect-bridge";

void broadcastResponseToMainFrame();
