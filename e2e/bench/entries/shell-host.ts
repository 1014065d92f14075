/**
 * Size entry: the shell as a host's session owner, like the peers' entries (sign-in popup on a
 * click, the restored session). Its first load is what the host loads before any sign-in,
 * re-sign-in, iframe or federated server; the rest comes through `import()` on first use.
 */
import { createAuthShell } from "../../../shell/index.ts";

const shell = createAuthShell({ clientId: "bench", redirectUri: `${location.origin}/callback.html` });
document.body.addEventListener("click", () => void shell.signIn());
void shell.ready;
