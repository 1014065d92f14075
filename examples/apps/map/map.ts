/**
 * Map micro-app (same window): an ArcGIS Maps SDK MapView drawing the federated server's secured
 * Trees layer. `bindIdentityManager` makes the Maps SDK's IdentityManager take every token from
 * the shell (README, "Maps SDK"): no sign-in dialog of its own, and an expired token joins the
 * page's one coordinated retry like the other apps' failures.
 */
import esriId from "@arcgis/core/identity/IdentityManager.js";
import type MapView from "@arcgis/core/views/MapView.js";
import { bindIdentityManager } from "../../../maps-sdk/index.ts";
import { type AuthClient, connectAuth } from "../../../sdk/index.ts";
import { appContainer, type DemoAppProps, describeError, onReload } from "../shared/sameWindow.ts";
import { describeMap, drawTrees } from "../shared/treesMap.ts";

let client: AuthClient | null = null;
let view: MapView | null = null;
let stops: (() => void)[] = [];
let latestLoad = 0;

/** Nothing to prepare. */
export async function bootstrap(): Promise<void> {}

/** Connects, binds the Maps SDK to the shell and draws the map while signed in. */
export async function mount(props: DemoAppProps): Promise<void> {
  const root = appContainer(props.name);
  const connected = await connectAuth(props.auth);
  client = connected; // kept referenced while mounted (see profile.ts)
  const unbind = bindIdentityManager(esriId, connected);
  const status = document.createElement("p");
  status.className = "map-status";
  status.setAttribute("role", "status");
  const mapArea = document.createElement("div");
  mapArea.className = "map-area";
  root.replaceChildren(status, mapArea);

  // The Maps SDK's own sign-in dialog must never open: say so loudly if it ever does.
  const dialogWatch = esriId.on("dialog-create", () => {
    status.textContent = "The Maps SDK opened its own sign-in dialog (unexpected!)";
    props.log("dialog-create fired (unexpected!)");
    console.error("Maps SDK dialog-create fired");
  });

  let signedIn = false;
  const load = async () => {
    const run = ++latestLoad;
    view?.destroy();
    view = null;
    mapArea.replaceChildren();
    signedIn = (await connected.getSession()) !== null;
    if (run !== latestLoad) return;
    // Signed out, nothing is requested: the layer's anonymous 499 would wait for a sign-in.
    if (!signedIn) {
      status.textContent = "Signed out.";
      return;
    }
    status.textContent = "Drawing the Trees layer…";
    try {
      const map = await drawTrees(mapArea, (created) => {
        view = created;
      });
      if (run !== latestLoad) return;
      status.textContent = describeMap(map);
      props.log(`Maps SDK: ${describeMap(map)}`);
    } catch (error) {
      if (run !== latestLoad) return;
      status.textContent = `Could not draw the Trees layer (${describeError(error)}).`;
      props.log(`Maps SDK: Trees failed: ${describeError(error)}`);
    }
  };
  stops = [
    connected.onSessionChange((session) => {
      if ((session !== null) !== signedIn) void load(); // a refresh alone changes no data
    }),
    onReload(load),
    () => dialogWatch.remove(),
    unbind,
  ];
  void load();
}

/** Destroys the view, unbinds the Maps SDK and closes the channel. */
export async function unmount(props: DemoAppProps): Promise<void> {
  latestLoad++;
  view?.destroy();
  view = null;
  for (const stop of stops) stop();
  stops = [];
  client?.close();
  client = null;
  appContainer(props.name).replaceChildren();
}
