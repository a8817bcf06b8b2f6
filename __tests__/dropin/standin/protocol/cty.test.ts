// Terraform's values on the wire: cty in MessagePack, unknowns as extensions.
import { UNKNOWN, decodeValue, encodeValue } from "../../../../dropin/standin/protocol/cty";

describe("values on the wire", () => {
  test("an unknown value is cty's MessagePack extension 0, both ways", () => {
    const bytes = encodeValue({ id: UNKNOWN, name: "queue", order: [0, 1.5] });
    expect(Buffer.from(bytes).includes(Buffer.from([0xd4, 0x00, 0x00]))).toBe(true);
    expect(decodeValue(bytes)).toEqual({ id: UNKNOWN, name: "queue", order: [0, 1.5] });
  });

  test("an unknown carrying refinements (extension 12) is read as unknown", () => {
    expect(decodeValue(Uint8Array.from([0xd5, 0x0c, 0x80, 0x00]))).toBe(UNKNOWN);
  });
});
