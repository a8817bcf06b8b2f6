// The plugin's self-signed certificate, as go-plugin's automatic mutual TLS reads it.
import { derInteger } from "../../../../dropin/standin/protocol/certificate";

test("certificate serials are minimally encoded, as Terraform's parser requires, whatever the random bytes", () => {
  expect(derInteger(Buffer.from([0x00, 0x10, 0xff]))).toEqual(Buffer.from([0x02, 0x02, 0x10, 0xff]));
  expect(derInteger(Buffer.from([0x00, 0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
  expect(derInteger(Buffer.from([0x80, 0x01]))).toEqual(Buffer.from([0x02, 0x03, 0x00, 0x80, 0x01]));
  expect(derInteger(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
});
