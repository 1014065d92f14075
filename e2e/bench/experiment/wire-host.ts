/**
 * The page end of the wire experiment (run.ts): one port per variant, each answered by a little
 * more of the shell's real code than the one before, all to the same cross-origin iframe.
 */
import { expose } from "comlink";
import type { SessionInfo } from "../../../protocol/appChannel.ts";
import { createAppChannels } from "../../../shell/channels/appChannels.ts";
import { createLookupBudget } from "../../../shell/federation/lookupBudget.ts";
import type { Variant } from "./wire-frame.ts";

const frameOrigin = new URLSearchParams(location.search).get("frameOrigin") ?? "";
const session: SessionInfo = {
  username: "jsmith",
  expires: Date.now() + 3_600_000,
  portal: "http://localhost:4100",
  ssl: false,
};
/** A fresh session object per answer, as the shell builds one. */
const sessionInfo = (): SessionInfo => ({ ...session });
const answerOf = (id: unknown) => ({ id, type: "RAW", value: { ok: true, value: sessionInfo() } });

const channels = createAppChannels({
  portal: session.portal,
  sessionInfo,
  grantFor: async () => null,
  reportAuthError: async () => ({ token: "t", expires: 0 }),
  lookupBudget: () => createLookupBudget(() => Date.now()),
});
/** Serves one port on this page and returns the other end, for the frame. */
const served = (serve: (port: MessagePort) => void): MessagePort => {
  const { port1, port2 } = new MessageChannel();
  serve(port2);
  return port1;
};
const ports: Record<Variant, MessagePort> = {
  bare: served((port) => {
    port.onmessage = (message) => port.postMessage(message.data);
  }),
  wireUnread: served((port) => {
    port.onmessage = () => port.postMessage(answerOf("1"));
  }),
  wireCallRead: served((port) => {
    port.onmessage = ({ data }) => port.postMessage(answerOf(data.id));
  }),
  wireFlat: served((port) => {
    port.onmessage = ({ data }) => port.postMessage({ id: data.id, type: "RAW", value: sessionInfo() });
  }),
  wire: served((port) => {
    port.onmessage = ({ data }) => port.postMessage(answerOf(data.id));
  }),
  comlink: served((port) => expose({ getSession: () => ({ ok: true, value: sessionInfo() }) }, port)),
  guarded: channels.open("guarded"),
  guardedLink: channels.open("guardedLink"),
  guardedClient: channels.open("guardedClient"),
};

const frame = document.createElement("iframe");
frame.src = `${frameOrigin}/e2e/bench/experiment/frame.html?parent=${location.origin}`;
frame.addEventListener("load", () => {
  const names = Object.keys(ports) as Variant[];
  frame.contentWindow?.postMessage(
    { type: "experiment/ports", names },
    frameOrigin,
    names.map((name) => ports[name]),
  );
});
document.body.append(frame);
document.getElementById("status")!.textContent = "ready";
