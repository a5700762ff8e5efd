#!/usr/bin/env node
// Makes `import ... from "consensus-lab"` resolve inside this checkout (notebooks/,
// scripts) by linking node_modules/consensus-lab to the project root. tslab resolves
// modules the classic Node way (no package self-reference), so a link is needed.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const root = path.join(__dirname, "..");
const link = path.join(root, "node_modules", "consensus-lab");
try {
  if (fs.readlinkSync(link) === "..") process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // absent or not a link
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
