import { lazy } from "./common/lazy";
import type * as Core from "./core";

/**
 * dist/core.js, loaded on first use. The bundler maps this require to the sibling bundle
 * (esbuild.mjs); the unbundled test build resolves it as written.
 */
export const core = lazy(() => require("./core") as typeof Core);
