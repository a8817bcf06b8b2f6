// The stand-in as a Terraform provider plugin: started by Terraform, it says where it listens (go-plugin's handshake).
import * as fs from "fs";
import * as path from "path";
import { spawn, spawnSync } from "child_process";
import { X509Certificate } from "crypto";
import { tempDir } from "../../../support/stack";
import { selfSignedCertificate } from "../../../../dropin/standin/protocol/certificate";
import { deriveSchema } from "../../../../dropin/standin/facts/schema";

const schema = deriveSchema([
  "batch-compute-environment",
  "batch-job-queue",
  "iam-role",
  "security-group",
  "data-aws-region",
  "data-aws-iam-policy-document",
]);


describe("the plugin handshake", () => {

  const provider = path.resolve(__dirname, "..", "..", "..", "..", "dropin", "standin", "protocol", "main.ts");
  const registerTs = path.resolve(__dirname, "..", "..", "..", "..", "scripts", "register-ts.js");

  test("started by anything but Terraform, it says what it is and exits 1", () => {
    const result = spawnSync(process.execPath, ["--require", registerTs, provider], { encoding: "utf8", env: { PATH: process.env.PATH } });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("This is a Terraform provider plugin (a test stand-in for hashicorp/aws)");
  });

  test("started by Terraform, it prints go-plugin's line: protocol 6 over gRPC, with its certificate for localhost", async () => {
    const schemaFile = path.join(tempDir("standin-schema-"), "schema.json");
    fs.writeFileSync(schemaFile, JSON.stringify(schema));
    const child = spawn(process.execPath, ["--require", registerTs, provider], {
      env: {
        PATH: process.env.PATH,
        TF_PLUGIN_MAGIC_COOKIE: "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
        PLUGIN_CLIENT_CERT: selfSignedCertificate().certificatePem,
        STANDIN_SCHEMA: schemaFile,
      },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let output = "";
        child.stdout.on("data", (chunk) => {
          output += chunk;
          if (output.includes("\n")) resolve(output.trim());
        });
        child.on("exit", (code) => reject(new Error(`exited ${code}`)));
      });
      const fields = line.split("|");
      expect(fields.slice(0, 3)).toEqual(["1", "6", "tcp"]);
      expect(fields[3]).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(fields[4]).toBe("grpc");
      expect(fields[5]).not.toMatch(/=$/);
      const certificate = new X509Certificate(Buffer.from(fields[5], "base64"));
      expect(certificate.checkHost("localhost")).toBe("localhost");
    } finally {
      child.kill();
    }
  });
});
