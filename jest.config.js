/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // swc strips types without checking them; `npm test` type-checks with tsc first.
  transform: { "^.+\\.ts$": ["@swc/jest"] },
  setupFilesAfterEnv: ["<rootDir>/jest.setup.js"],
  globalSetup: "<rootDir>/__tests__/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/global-teardown.js",
  reporters: ["default", "<rootDir>/__tests__/summary-reporter.js"],
  // Most of the time is Terraform and the stand-in in child processes: two workers keep both cores busy.
  maxWorkers: 2,
};
