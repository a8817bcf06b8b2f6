// The stand-in hashicorp/aws provider: a plugin Terraform starts and talks to
// over gRPC, as it would the real one (protocol 6, go-plugin handshake with
// automatic mutual TLS). It serves the schema written by `writeSchemaFile`
// (STANDIN_SCHEMA) and the behaviour in ./behaviour.
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { StandinBehaviour } from "../rules/behaviour";
import { BatchAccount } from "../rules/account";
import { ProviderRefusal, Steps } from "../facts/resource-facts";
import { ValidationProblem } from "../facts/validators";
import { selfSignedCertificate } from "./certificate";
import { Block, NestedBlock, Value, decodeValue, encodeValue } from "./cty";
import { ProviderSchema } from "../facts/schema";

// Terraform's fixed cookie: a plugin started by anything else says so and exits.
const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;
const ERROR = 1;

interface Diagnostic {
  readonly severity: number;
  readonly summary: string;
  readonly detail: string;
  readonly attribute?: Value;
}

function loadPackage(file: string): grpc.GrpcObject {
  const definition = protoLoader.loadSync(path.join(__dirname, file), {
    keepCase: true,
    longs: Number,
    enums: Number,
    defaults: true,
  });
  return grpc.loadPackageDefinition(definition);
}

function toProtoBlock(block: Block): Value {
  return {
    attributes: block.attributes.map((attribute) => ({
      name: attribute.name,
      type: Buffer.from(JSON.stringify(attribute.type)),
      required: attribute.required ?? false,
      optional: attribute.optional ?? false,
      computed: attribute.computed ?? false,
      sensitive: attribute.sensitive ?? false,
    })),
    block_types: block.blockTypes.map((nested: NestedBlock) => ({
      type_name: nested.typeName,
      block: toProtoBlock(nested.block),
      nesting: NESTING[nested.nesting],
      min_items: nested.minItems,
      max_items: nested.maxItems,
    })),
  };
}

function toProtoSchemas(blocks: { readonly [type: string]: Block }, version: (type: string) => number): Value {
  return Object.fromEntries(Object.entries(blocks).map(([type, block]) => [type, { version: version(type), block: toProtoBlock(block) }]));
}

/** Terraform's AttributePath for a list of attribute names and element indexes. */
function toProtoPath(steps: Steps): Value {
  return { steps: steps.map((step) => (typeof step === "number" ? { element_key_int: step } : { attribute_name: step })) };
}

/** A validator's refusal, at the attribute it names (Terraform prints the configuration line). */
function toProtoDiagnostic(problem: ValidationProblem): Diagnostic {
  const steps = problem.path.split(".").map((step) => (/^\d+$/.test(step) ? Number(step) : step));
  return { severity: ERROR, summary: problem.summary, detail: problem.detail, attribute: toProtoPath(steps) };
}

const dynamic = (value: Value) => ({ msgpack: Buffer.from(encodeValue(value)) });
const fromDynamic = (value: Value) => decodeValue(value?.msgpack);

/**
 * A unary handler that reports a thrown error as an error diagnostic, so
 * Terraform prints what went wrong instead of a transport failure.
 */
function unary(handler: (request: Value) => Value): grpc.handleUnaryCall<Value, Value> {
  return (call, callback) => {
    try {
      callback(null, handler(call.request));
    } catch (error) {
      // A refusal the real provider makes carries its own words; anything else is a stand-in bug, with its stack.
      const diagnostic: Diagnostic =
        error instanceof ProviderRefusal
          ? { severity: ERROR, summary: error.summary, detail: error.detail }
          : { severity: ERROR, summary: "stand-in provider", detail: String((error as Error).stack ?? error) };
      callback(null, { diagnostics: [diagnostic] });
    }
  };
}

function main(): void {
  // Reattach mode: started once by the drop-in tooling and shared by every Terraform run it makes
  // (TF_REATTACH_PROVIDERS), instead of one process per run; it says where it listens in this file.
  const reattachFile = process.env.STANDIN_REATTACH_FILE;
  if (!reattachFile && process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write("This is a Terraform provider plugin (a test stand-in for hashicorp/aws); Terraform starts it.\n");
    process.exit(1);
  }
  const schemaFile = process.env.STANDIN_SCHEMA;
  if (!schemaFile || !fs.existsSync(schemaFile)) {
    process.stderr.write(`stand-in provider: STANDIN_SCHEMA must name the schema file StandinTerraform.install writes (got "${schemaFile ?? ""}").\n`);
    process.exit(1);
  }
  const schema: ProviderSchema = JSON.parse(fs.readFileSync(schemaFile, "utf8"));
  const behaviour = new StandinBehaviour(schema);
  const account = new BatchAccount(process.env.STANDIN_ACCOUNT_CONTROL);

  const tfplugin6 = loadPackage("tfplugin6.proto").tfplugin6 as grpc.GrpcObject;
  const plugin = loadPackage("go-plugin.proto").plugin as grpc.GrpcObject;
  const health = ((loadPackage("health.proto").grpc as grpc.GrpcObject).health as grpc.GrpcObject).v1 as grpc.GrpcObject;
  const service = (object: grpc.GrpcObject, name: string) => (object[name] as grpc.ServiceClientConstructor).service;

  const server = new grpc.Server();
  const openStreams: grpc.ServerWritableStream<Value, Value>[] = [];
  const shutdown = () => {
    for (const stream of openStreams) {
      stream.end();
    }
    server.forceShutdown();
    process.exit(0);
  };

  const providerSchema = {
    provider: { version: 0, block: toProtoBlock(schema.provider) },
    resource_schemas: toProtoSchemas(schema.resources, (type) => behaviour.schemaVersion(type)),
    data_source_schemas: toProtoSchemas(schema.dataSources, () => 0),
    server_capabilities: { get_provider_schema_optional: true },
  };

  server.addService(service(tfplugin6, "Provider"), {
    GetProviderSchema: unary(() => providerSchema),
    ValidateProviderConfig: unary(() => ({})),
    // Types are checked by Terraform against the schema; values by the provider's validators.
    ValidateResourceConfig: unary((request) => ({
      diagnostics: behaviour.validate(request.type_name, fromDynamic(request.config)).map(toProtoDiagnostic),
    })),
    ValidateDataResourceConfig: unary((request) => {
      behaviour.dataSource(request.type_name);
      return {};
    }),
    ConfigureProvider: unary((request) => {
      behaviour.configure(fromDynamic(request.config));
      account.beginSession();
      return {};
    }),
    UpgradeResourceState: unary((request) => ({
      upgraded_state: dynamic(
        behaviour.upgrade(request.type_name, Number(request.version ?? 0), Buffer.from(request.raw_state.json).toString("utf8")),
      ),
    })),
    ReadResource: unary((request) => ({
      new_state: dynamic(account.refreshed(request.type_name, behaviour.refresh(request.type_name, fromDynamic(request.current_state)))),
      private: request.private,
    })),
    PlanResourceChange: unary((request) => {
      const planned = behaviour.plan(request.type_name, fromDynamic(request.prior_state), fromDynamic(request.proposed_new_state));
      return {
        planned_state: dynamic(planned.value),
        requires_replace: planned.requiresReplace.map(toProtoPath),
        planned_private: request.prior_private,
        legacy_type_system: planned.legacyTypeSystem,
      };
    }),
    ApplyResourceChange: unary((request) => {
      const prior = fromDynamic(request.prior_state);
      const planned = fromDynamic(request.planned_state);
      const refusal = account.refusal(request.type_name, prior, planned);
      if (refusal) {
        throw refusal;
      }
      const applied = behaviour.apply(request.type_name, planned);
      account.applied(request.type_name, prior, applied.value);
      return { new_state: dynamic(applied.value), private: request.planned_private, legacy_type_system: applied.legacyTypeSystem };
    }),
    ImportResourceState: unary((request) => {
      throw new Error(`Importing ${request.type_name} "${request.id}" needs AWS; the stand-in provider cannot import.`);
    }),
    ReadDataSource: unary((request) => ({ state: dynamic(behaviour.read(request.type_name, fromDynamic(request.config))) })),
    StopProvider: unary(() => ({})),
  });
  server.addService(service(plugin, "GRPCStdio"), {
    // Nothing is forwarded: the stand-in writes its own errors to stderr.
    StreamStdio: (stream: grpc.ServerWritableStream<Value, Value>) => openStreams.push(stream),
  });
  server.addService(service(plugin, "GRPCBroker"), {
    StartStream: (stream: grpc.ServerDuplexStream<Value, Value>) => stream.on("end", () => stream.end()),
  });
  server.addService(service(plugin, "GRPCController"), {
    Shutdown: (_call: grpc.ServerUnaryCall<Value, Value>, callback: grpc.sendUnaryData<Value>) => {
      callback(null, {});
      setImmediate(shutdown);
    },
  });
  server.addService(service(health, "Health"), {
    Check: unary(() => ({ status: 1 })),
  });

  const certificate = selfSignedCertificate();
  const clientCertificate = process.env.PLUGIN_CLIENT_CERT;
  const credentials = clientCertificate
    ? grpc.ServerCredentials.createSsl(
        Buffer.from(clientCertificate),
        [{ private_key: Buffer.from(certificate.privateKeyPem), cert_chain: Buffer.from(certificate.certificatePem) }],
        true,
      )
    : grpc.ServerCredentials.createInsecure();

  server.bindAsync("127.0.0.1:0", credentials, (error, port) => {
    if (error) {
      process.stderr.write(`stand-in provider: cannot listen: ${error.message}\n`);
      process.exit(1);
    }
    if (reattachFile) {
      // Terraform's ReattachConfig; Test: true tells it not to stop the provider after each run.
      const config = { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } };
      fs.writeFileSync(`${reattachFile}.tmp`, JSON.stringify(config));
      fs.renameSync(`${reattachFile}.tmp`, reattachFile);
      // Whoever started it holds its standard input: when that ends (its process exited or removed it), so does the stand-in.
      process.stdin.on("end", shutdown).on("error", shutdown).resume();
      return;
    }
    // go-plugin's handshake: core version | protocol version | network | address | protocol | server certificate.
    const certificateField = clientCertificate ? certificate.der.toString("base64").replace(/=+$/, "") : "";
    process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${certificateField}\n`);
  });
  process.on("SIGTERM", shutdown);
  // Ctrl-C reaches the whole process group; Terraform stops its plugins itself (Shutdown), as real plugins expect.
  process.on("SIGINT", () => undefined);
}

main();
