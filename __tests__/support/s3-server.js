// A local S3 API (s3rver) in a process of its own: Terraform runs are
// spawnSync'ed by the tests, which blocks their event loop, so the server
// cannot live in the test's process. Prints the port once listening.
// usage: node s3-server.js <directory> <bucket>
const S3rver = require("s3rver");
const [directory, bucket] = process.argv.slice(2);
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
server.run().then(({ port }) => process.stdout.write(`${port}\n`));
// The test ends the server by closing stdin (also when jest is killed).
process.stdin.on("end", () => server.close().then(() => process.exit(0)));
process.stdin.resume();
