/** `connectAuth` (README "API"): a micro-app's way in, from a same-window port or from an iframe. */
import { type AuthClient, createAuthClient } from "./client.ts";
import { connectPort, type ParentSource } from "./connectPort.ts";
import { linkShell } from "./link.ts";

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Connects to the shell. Same window: pass the port the root config handed over
 * (`props.auth` from `shell.connect(name)`). Cross-origin iframe: pass `{ parentOrigin }`.
 * Rejects with `ShellUnavailableError` when the shell does not answer within `timeoutMs`.
 */
export async function connectAuth(
  source: MessagePort | ParentSource,
  options: { timeoutMs?: number } = {},
): Promise<AuthClient> {
  if (!source || typeof source !== "object") {
    throw new TypeError("connectAuth needs a MessagePort or { parentOrigin }.");
  }
  const isPort = typeof (source as MessagePort).postMessage === "function";
  const timeoutMs = (isPort ? options.timeoutMs : (source as ParentSource).timeoutMs) ?? DEFAULT_TIMEOUT_MS;
  const port = isPort ? (source as MessagePort) : await connectPort(source as ParentSource);
  const link = linkShell(port, timeoutMs);
  try {
    const { portal } = await link.call("hello");
    return createAuthClient(link, portal);
  } catch (error) {
    link.close();
    throw error;
  }
}
