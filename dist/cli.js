#!/usr/bin/env node
import { createRequire as __kwCreateRequire } from 'node:module'; const require = __kwCreateRequire(import.meta.url);

// src/cli/index.ts
import nodeModule from "node:module";
nodeModule.enableCompileCache?.();
await import("./cli-run.js");
