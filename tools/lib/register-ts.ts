// Lets Node-side tools import the Worker's pure modules (src/ uses extensionless imports, as
// bundlers do): a relative specifier that does not resolve is retried with `.ts`.
// Use: node --import ./tools/lib/register-ts.ts tools/…
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith("./") || specifier.startsWith("../");
      if (relative && (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND") {
        return nextResolve(`${specifier}.ts`, context);
      }
      throw error;
    }
  },
});
