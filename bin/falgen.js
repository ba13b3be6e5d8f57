#!/usr/bin/env node
// The falgen command. The generator is TypeScript; tsx runs it without a build step.
import { register } from "tsx/esm/api";

register();
await import("../generator/cli.ts");
