#!/usr/bin/env node
// Entry point of the `consensus-lab` command; the CLI itself is compiled from lib/cli/.
"use strict";
const path = require("node:path");
let main;
try {
  main = require(path.join(__dirname, "..", "dist", "lib", "cli", "main.js")).main;
} catch (err) {
  if (err && err.code === "MODULE_NOT_FOUND") {
    console.error("consensus-lab: the library is not built yet; run `npm install` (or `npm run build`) in " + path.join(__dirname, ".."));
    process.exit(2);
  }
  throw err;
}
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`consensus-lab: ${err && err.message ? err.message : err}`); process.exitCode = 1; },
);
