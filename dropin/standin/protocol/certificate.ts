// Terraform starts plugins with automatic mutual TLS: the plugin must serve a
// certificate it prints in its handshake line. Node can make keys but not
// certificates, so this writes the few DER structures of a self-signed
// certificate for "localhost" (the name Terraform's plugin client verifies).
import { generateKeyPairSync, randomBytes, sign } from "crypto";

export interface ServerCertificate {
  /** DER bytes, for the handshake line. */
  readonly der: Buffer;
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) {
    return Buffer.from([length]);
  }
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) {
    bytes.unshift(rest & 0xff);
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
}

const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const octetString = (content: Buffer) => tlv(0x04, content);
const bitString = (content: Buffer) => tlv(0x03, Buffer.from([0]), content);
const boolean = (value: boolean) => tlv(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text: string) => tlv(0x0c, Buffer.from(text, "utf8"));
const explicit = (tagNumber: number, content: Buffer) => tlv(0xa0 | tagNumber, content);

/**
 * DER wants the shortest two's-complement form: Terraform refuses a
 * certificate whose random serial starts with a needless zero byte.
 */
export function derInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0 && !(bytes[start + 1] & 0x80)) {
    start += 1;
  }
  const minimal = bytes.subarray(start);
  return tlv(0x02, minimal[0] & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal);
}

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = arc >> 7; value > 0; value >>= 7) {
      chunk.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  return tlv(0x17, Buffer.from(text, "ascii"));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
}

const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

export function selfSignedCertificate(): ServerCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const name = sequence(set(sequence(oid("2.5.4.3"), utf8("localhost"))));
  const now = Date.now();
  const subjectAltName = sequence(
    tlv(0x82, Buffer.from("localhost", "ascii")),
    tlv(0x87, Buffer.from([127, 0, 0, 1])),
  );
  const tbs = sequence(
    explicit(0, derInteger(Buffer.from([2]))),
    derInteger(randomBytes(16)),
    sequence(oid(ECDSA_WITH_SHA256)),
    name,
    sequence(utcTime(new Date(now - 60 * 60 * 1000)), utcTime(new Date(now + 24 * 60 * 60 * 1000))),
    name,
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        // The same uses as the certificate Terraform makes for itself.
        extension("2.5.29.15", true, bitString(Buffer.from([0xa4]))),
        extension("2.5.29.37", false, sequence(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2"))),
        extension("2.5.29.19", true, sequence(boolean(true))),
        extension("2.5.29.17", false, subjectAltName),
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = sequence(tbs, sequence(oid(ECDSA_WITH_SHA256)), bitString(signature));
  const base64Lines = der.toString("base64").match(/.{1,64}/g)!.join("\n");
  return {
    der,
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64Lines}\n-----END CERTIFICATE-----\n`,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
