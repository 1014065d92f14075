import { generateKeyPairSync, randomBytes, sign } from "node:crypto";

/**
 * A self-signed certificate for `localhost` and `127.0.0.1`, made with node:crypto alone (no
 * openssl binary, no network): an ECDSA P-256 key and an X.509 v3 certificate written in DER by
 * hand, with the subjectAltName browsers require. Nobody trusts it until told to: browsers show a
 * warning once (examples/portal/README.md), tests ignore certificate errors.
 */

/** PEM key and certificate, as `https.createServer` takes them. */
export interface TlsCertificate {
  readonly key: string;
  readonly cert: string;
}

const DAY_MS = 86_400_000;
/** How long the certificate is valid; browsers' limit for server certificates is 398 days. */
const VALID_DAYS = 365;

function length(size: number): number[] {
  if (size < 0x80) return [size];
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return [0x80 | bytes.length, ...bytes];
}

/** One DER element: tag, length, content. */
function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const content = Buffer.concat(parts);
  return Buffer.concat([Uint8Array.from([tag, ...length(content.length)]), content]);
}

const sequence = (...parts: Uint8Array[]) => der(0x30, ...parts);
const octets = (content: Uint8Array) => der(0x04, content);

function oid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc % 128];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128))
      groups.unshift(0x80 | (value % 128));
    bytes.push(...groups);
  }
  return der(0x06, Uint8Array.from(bytes));
}

/**
 * A DER INTEGER for the unsigned big-endian `bytes`. DER wants the shortest form: leading zero bytes
 * go (OpenSSL refuses them as "illegal padding"), and one zero byte comes back when the first bit is
 * set, so the number does not read as negative.
 */
function positiveInteger(bytes: Uint8Array): Uint8Array {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const digits = bytes.subarray(start);
  const signZero = (digits[0] ?? 0) & 0x80 || digits.length === 0 ? [0] : [];
  return der(0x02, Uint8Array.from([...signZero, ...digits]));
}

/** 16 random bytes, a positive number that is never zero (RFC 5280 wants a positive serial). */
function randomSerial(): Uint8Array {
  const serial = randomBytes(16);
  serial[0] = 1 + ((serial[0] ?? 0) % 0x7f);
  return serial;
}

function utcTime(date: Date): Uint8Array {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14);
  return der(0x17, Buffer.from(`${text}Z`, "ascii"));
}

function commonName(name: string): Uint8Array {
  return sequence(der(0x31, sequence(oid("2.5.4.3"), der(0x0c, Buffer.from(name, "utf8")))));
}

function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(oid(id), ...(critical ? [der(0x01, Uint8Array.from([0xff]))] : []), octets(value));
}

function extensions(): Uint8Array {
  const subjectAltName = sequence(
    der(0x82, Buffer.from("localhost", "ascii")),
    der(0x87, Uint8Array.from([127, 0, 0, 1])),
  );
  const serverAuth = sequence(oid("1.3.6.1.5.5.7.3.1"));
  const digitalSignature = der(0x03, Uint8Array.from([0x07, 0x80]));
  return der(
    0xa3,
    sequence(
      extension("2.5.29.19", true, sequence()),
      extension("2.5.29.15", true, digitalSignature),
      extension("2.5.29.37", false, serverAuth),
      extension("2.5.29.17", false, subjectAltName),
    ),
  );
}

function pem(label: string, body: Uint8Array): string {
  const lines =
    Buffer.from(body)
      .toString("base64")
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/**
 * Makes a fresh key and certificate, valid from a day ago for a year. `serial` (unsigned big-endian
 * bytes) is random unless given.
 */
export function createLocalhostCertificate(
  now: Date = new Date(),
  serial: Uint8Array = randomSerial(),
): TlsCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ecdsaWithSha256 = sequence(oid("1.2.840.10045.4.3.2"));
  const name = commonName("localhost");
  const tbsCertificate = sequence(
    der(0xa0, positiveInteger(Uint8Array.from([2]))),
    positiveInteger(serial),
    ecdsaWithSha256,
    name,
    sequence(
      utcTime(new Date(now.getTime() - DAY_MS)),
      utcTime(new Date(now.getTime() + VALID_DAYS * DAY_MS)),
    ),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    extensions(),
  );
  const signature = sign("sha256", tbsCertificate, privateKey);
  const certificate = sequence(tbsCertificate, ecdsaWithSha256, der(0x03, Uint8Array.from([0]), signature));
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    cert: pem("CERTIFICATE", certificate),
  };
}
