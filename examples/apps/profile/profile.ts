/**
 * Profile micro-app (same window): the signed-in user's `community/self`, fetched with the SDK's
 * `client.fetch`. A typical single-spa app: the lifecycles are this module's exports, the client
 * lives from mount to unmount.
 */
import { type AuthClient, connectAuth, type SessionInfo } from "../../../sdk/index.ts";
import { appContainer, type DemoAppProps, describeError, onReload } from "../shared/sameWindow.ts";

let client: AuthClient | null = null;
let stops: (() => void)[] = [];
// The user the panel currently shows: a token refresh for the same user needs no new request.
let shownUser: string | null = null;
// Only the latest load may draw: an older one that finishes late would show stale data.
let latestLoad = 0;

/** Nothing to prepare: the module is small and loads its data on mount. */
export async function bootstrap(): Promise<void> {}

/** Connects to the shell and shows the profile; follows sign-in, sign-out and reload requests. */
export async function mount(props: DemoAppProps): Promise<void> {
  const root = appContainer(props.name);
  // Kept referenced while mounted: a collected Comlink proxy would release the channel.
  const connected = await connectAuth(props.auth);
  client = connected;
  const load = async () => {
    const run = ++latestLoad;
    const draw = (...nodes: Node[]) => run === latestLoad && root.replaceChildren(...nodes);
    const session = await connected.getSession();
    shownUser = session?.username ?? null;
    if (!session) return draw(paragraph("Signed out."));
    draw(paragraph("Loading community/self…"));
    try {
      const response = await connected.fetch(`${session.portal}/community/self?f=json`);
      const self = (await response.json()) as Record<string, unknown>;
      if (typeof self.username !== "string") throw new Error(`The portal answered ${response.status}.`);
      draw(details(self));
      props.log(`community/self loaded for ${self.username}`);
    } catch (error) {
      draw(paragraph(`Could not load the profile (${describeError(error)}).`));
      props.log(`community/self failed: ${describeError(error)}`);
    }
  };
  stops = [
    connected.onSessionChange((session: SessionInfo | null) => {
      if ((session?.username ?? null) !== shownUser) void load();
    }),
    onReload(load),
  ];
  void load(); // mount resolves at once; the panel says "Loading…" meanwhile
}

/** Stops listening and closes the channel, so the shell forgets this app. */
export async function unmount(props: DemoAppProps): Promise<void> {
  for (const stop of stops) stop();
  stops = [];
  client?.close();
  client = null;
  shownUser = null;
  appContainer(props.name).replaceChildren();
}

function paragraph(text: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  return p;
}

function details(self: Record<string, unknown>): HTMLDListElement {
  const list = document.createElement("dl");
  for (const [label, key] of [
    ["Full name", "fullName"],
    ["Username", "username"],
    ["Role", "role"],
  ] as const) {
    const term = document.createElement("dt");
    term.textContent = label;
    const value = document.createElement("dd");
    value.textContent = String(self[key] ?? "—");
    list.append(term, value);
  }
  return list;
}
