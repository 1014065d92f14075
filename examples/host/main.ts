/**
 * Entry of the demo host (http://localhost:5173/): the page's one auth shell, against the local
 * portal unless `npm start` was given a real one (VITE_ARCGIS_PORTAL / VITE_ARCGIS_CLIENT_ID).
 */
import { createAuthShell } from "../../shell/index.ts";
import { FRAME_ORIGIN } from "../apps/shared/demo.ts";
import { startDemo } from "./rootConfig.ts";

const portal: string = import.meta.env.VITE_ARCGIS_PORTAL ?? "http://localhost:4100/sharing/rest";
const shell = createAuthShell({
  clientId: import.meta.env.VITE_ARCGIS_CLIENT_ID ?? "arcgis-auth-shell-demo",
  portal,
  redirectUri: `${location.origin}/callback.html`,
  // The iframe apps' origin: the only one whose frames may connect or ask for the credential.
  childOrigins: [FRAME_ORIGIN],
});

startDemo(shell, portal);
