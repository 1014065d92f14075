/**
 * Features micro-app (same window): the federated server's secured Trees layer through the SDK's
 * `client.fetch` (the shell gets that server its own token), the non-federated Parcels server
 * (which never gets one), and the buttons that expire every token and reload every app at once,
 * so the coordinated retry can be watched: a silent refresh, or one prompt and one popup.
 */
import { type AuthClient, connectAuth } from "../../../sdk/index.ts";
import { EXPIRE_URL, PARCELS_QUERY, TREES_QUERY } from "../shared/demo.ts";
import { layerTable, queryLayer } from "../shared/layer.ts";
import { appContainer, type DemoAppProps, describeError, onReload, reloadAll } from "../shared/sameWindow.ts";

const TREE_COLUMNS = {
  "#": "OBJECTID",
  Tree: "common_name",
  Condition: "condition",
  "Height (m)": "height_m",
};
const SHOWN_ROWS = 6;

let client: AuthClient | null = null;
let stops: (() => void)[] = [];
let latestLoad = 0;

/** Nothing to prepare. */
export async function bootstrap(): Promise<void> {}

/** Connects, draws the toolbar and the data; follows sign-in, sign-out and reload requests. */
export async function mount(props: DemoAppProps): Promise<void> {
  const root = appContainer(props.name);
  const connected = await connectAuth(props.auth);
  client = connected; // kept referenced while mounted (see profile.ts)
  const data = document.createElement("div");
  data.setAttribute("aria-live", "polite");
  root.replaceChildren(toolbar(props), data);

  let signedIn = false;
  const load = async () => {
    const run = ++latestLoad;
    const draw = (...nodes: Node[]) => run === latestLoad && data.replaceChildren(...nodes);
    signedIn = (await connected.getSession()) !== null;
    // Signed out, nothing is requested: an anonymous request answered 499 would start a sign-in.
    if (!signedIn) return draw(text("p", "Signed out."));
    draw(text("p", "Loading the Trees layer…"));
    try {
      const fetchWithAuth = (url: string) => connected.fetch(url);
      const [trees, parcels] = await Promise.all([
        queryLayer(fetchWithAuth, TREES_QUERY),
        queryLayer(fetchWithAuth, PARCELS_QUERY),
      ]);
      const treesView = trees.ok
        ? layerTable(
            `Trees on the federated server: first ${Math.min(SHOWN_ROWS, trees.rows.length)} of ${trees.rows.length} features`,
            trees.rows.slice(0, SHOWN_ROWS),
            TREE_COLUMNS,
          )
        : text("p", `Trees: the server answered ${trees.code} (${trees.message}).`);
      const parcelsNote = parcels.tokenSent
        ? "a token was sent (unexpected!)"
        : `not federated: no token sent; it answered ${parcels.ok ? "with data" : `${parcels.code} (${parcels.message})`}`;
      draw(treesView, text("p", `Parcels on http://localhost:4300: ${parcelsNote}.`));
      props.log(trees.ok ? `Trees loaded: ${trees.rows.length} features` : `Trees answered ${trees.code}`);
    } catch (error) {
      draw(text("p", `Could not load the Trees layer (${describeError(error)}).`));
      props.log(`Trees failed: ${describeError(error)}`);
    }
  };
  stops = [
    connected.onSessionChange((session) => {
      if ((session !== null) !== signedIn) void load(); // a refresh alone changes no data
    }),
    onReload(load),
  ];
  void load();
}

/** Stops listening and closes the channel. */
export async function unmount(props: DemoAppProps): Promise<void> {
  for (const stop of stops) stop();
  stops = [];
  client?.close();
  client = null;
  appContainer(props.name).replaceChildren();
}

/** The demo controls: reload every app, or make the portal forget every token first. */
function toolbar(props: DemoAppProps): HTMLElement {
  const bar = document.createElement("div");
  bar.className = "toolbar";
  const button = (label: string, expire: null | { refresh: boolean }) => {
    const element = text("button", label) as HTMLButtonElement;
    element.type = "button";
    element.addEventListener("click", async () => {
      if (expire) {
        const response = await fetch(EXPIRE_URL, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(expire.refresh ? { refresh: true } : {}),
        }).catch(() => null);
        props.log(
          response?.ok
            ? `portal expired every token${expire.refresh ? " and refresh token" : ""}`
            : "expire failed",
        );
      }
      props.log("reloading every app");
      await reloadAll();
    });
    return element;
  };
  bar.append(
    button("Reload all apps", null),
    button("Expire all tokens", { refresh: false }),
    button("Expire all tokens and refresh tokens", { refresh: true }),
  );
  return bar;
}

function text(tag: string, content: string): HTMLElement {
  const element = document.createElement(tag);
  element.textContent = content;
  return element;
}
