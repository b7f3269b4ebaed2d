/** Jest for `npm run test:live`: the live acceptance suite against a real tenant, one file, in band. */
const base = require("./jest.config");

module.exports = { ...base, testMatch: ["**/test/live/*.live.ts"], maxWorkers: 1, testTimeout: 600000 };
