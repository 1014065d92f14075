/**
 * Embedded map (http://127.0.0.1:5174): an ArcGIS Maps SDK app that knows nothing of this
 * package. The host builds its URL with `embeddedAppUrl` (`arcgis-auth-origin`, `arcgis-auth-portal`),
 * so the Maps SDK's own embedded protocol asks the host page for the portal credential, and the
 * Maps SDK turns it into the federated server's token by itself. Nothing here touches the
 * IdentityManager but a watch on `dialog-create`, the sign-in dialog that must never open.
 */
import esriConfig from "@arcgis/core/config.js";
import esriId from "@arcgis/core/identity/IdentityManager.js";
import ServerInfo from "@arcgis/core/identity/ServerInfo.js";
import { ALLOWED_PARENT_ORIGINS } from "../shared/demo.ts";
import { logToParent, parentOriginFrom } from "../shared/frame.ts";
import { describeError } from "../shared/sameWindow.ts";
import { describeMap, drawTrees } from "../shared/treesMap.ts";

/** The portal that owns the Trees layer's server. */
const PORTAL = "http://localhost:4100";

const status = document.getElementById("status")!;
const mapArea = document.getElementById("map")!;
// The demo's log messages go only to a host on the allow-list (the same URL parameter).
const parentOrigin = parentOriginFrom(location.search, ALLOWED_PARENT_ORIGINS);
const log = (text: string) => parentOrigin && logToParent(parentOrigin, text);

esriConfig.portalUrl = PORTAL;
// The Maps SDK guesses a portal's token service as https whatever the portal's own URL. The local
// portal answers https with a certificate no browser trusts, so this app names its token service
// as the portal serves it (plain Maps SDK configuration, not needed with an https portal).
if (PORTAL.startsWith("http:")) {
  esriId.registerServers([
    new ServerInfo({
      server: PORTAL,
      tokenServiceUrl: `${PORTAL}/sharing/rest/generateToken`,
      hasPortal: true,
    }),
  ]);
}
esriId.on("dialog-create", () => {
  status.textContent = "The Maps SDK opened its own sign-in dialog (unexpected!)";
  log("dialog-create fired (unexpected!)");
  console.error("Maps SDK dialog-create fired");
});

if (parentOrigin === null) {
  status.textContent = "Not started: this page must be embedded by an allowed host.";
} else {
  status.textContent = "Drawing the Trees layer…";
  log("Maps SDK: asking the host for the session (embedded protocol)");
  try {
    const map = await drawTrees(mapArea, () => {});
    status.textContent = describeMap(map);
    log(`Maps SDK: ${describeMap(map)}`);
  } catch (error) {
    status.textContent = `Could not draw the Trees layer (${describeError(error)}).`;
    log(`Maps SDK: Trees failed: ${describeError(error)}`);
  }
}
