/** Size entry: penpal's transport only (`connect` over a `WindowMessenger`), no auth logic at all. */
import { connect, WindowMessenger } from "penpal";

const messenger = new WindowMessenger({
  remoteWindow: window.parent,
  allowedOrigins: ["https://parent.example"],
});
void connect({ messenger, methods: {} }).promise;
