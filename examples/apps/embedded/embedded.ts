/**
 * Embedded micro-app: a cross-origin iframe (http://127.0.0.1:5174) using the same SDK as the
 * same-window apps, connected to the host's shell with `connectAuth({ parentOrigin })`. Its auth
 * failures join the page's one coordinated retry like everyone else's.
 */
import { connectAuth, type SessionInfo } from "../../../sdk/index.ts";
import { ALLOWED_PARENT_ORIGINS, TREES_QUERY } from "../shared/demo.ts";
import { logToParent, onParentReload, parentOriginFrom } from "../shared/frame.ts";
import { queryLayer } from "../shared/layer.ts";
import { describeError } from "../shared/sameWindow.ts";

const user = document.getElementById("user")!;
const trees = document.getElementById("trees")!;
const parentOrigin = parentOriginFrom(location.search, ALLOWED_PARENT_ORIGINS);

if (parentOrigin === null) {
  user.textContent = "not started: this page must be embedded by an allowed host";
} else {
  await start(parentOrigin);
}

async function start(parentOrigin: string) {
  const client = await connectAuth({ parentOrigin }).catch((error: unknown) => {
    user.textContent = `no shell (${describeError(error)})`;
    return null;
  });
  if (!client) return;
  logToParent(parentOrigin, "connected to the shell over a private port");
  let latestLoad = 0;
  let signedIn = false;

  const load = async () => {
    const run = ++latestLoad;
    const show = (who: string, count: string) => {
      if (run !== latestLoad) return;
      user.textContent = who;
      trees.textContent = count;
    };
    const session: SessionInfo | null = await client.getSession();
    signedIn = session !== null;
    // Signed out, nothing is requested: an anonymous 499 would start a sign-in by itself.
    if (!session) return show("Signed out", "—");
    show(session.username, "loading…");
    try {
      const answer = await queryLayer((url) => client.fetch(url), TREES_QUERY);
      show(
        session.username,
        answer.ok ? `${answer.rows.length} features` : `the server answered ${answer.code}`,
      );
      logToParent(
        parentOrigin,
        answer.ok ? `Trees loaded: ${answer.rows.length} features` : `Trees answered ${answer.code}`,
      );
    } catch (error) {
      show(session.username, `failed (${describeError(error)})`);
      logToParent(parentOrigin, `Trees failed: ${describeError(error)}`);
    }
  };
  client.onSessionChange((session) => {
    if ((session !== null) !== signedIn) void load();
  });
  onParentReload(parentOrigin, () => void load());
  await load();
}
