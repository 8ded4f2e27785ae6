// The dashboard's served assets are generated from src/dashboard/client/: fail when they are stale,
// and check that the build embeds every client file, in a fixed order, and refuses names it cannot serve.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GENERATED, clientFiles, minifyClientFile, renderAssets } from "../../tools/build/dashboard.ts";

describe("dashboard assets", () => {
  it("src/dashboard/assets.generated.ts matches src/dashboard/client/ (run npm run build:dashboard)", () => {
    expect(readFileSync(GENERATED, "utf8")).toBe(renderAssets());
  });

  describe("tools/build/dashboard.ts", () => {
    const dirs: string[] = [];
    afterEach(() => {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
    const clientDir = (files: Record<string, string>) => {
      const dir = mkdtempSync(join(tmpdir(), "triage-dashboard-client-"));
      dirs.push(dir);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      return dir;
    };

    it("embeds every file as name → text, in name order whatever the order on disk", () => {
      const files = { "zeta.js": "export const z = 1;\n", "app.js": 'import "./zeta.js";\n', "app.css": "a {}\n" };
      const dir = clientDir(files);
      expect(clientFiles(dir)).toEqual(["app.css", "app.js", "zeta.js"]);
      const source = renderAssets(dir);
      expect(renderAssets(clientDir(Object.fromEntries(Object.entries(files).reverse())))).toBe(source);
      const body = source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1).replace(/,\n}$/, "\n}");
      const embedded = JSON.parse(body) as Record<string, string>;
      expect(Object.keys(embedded)).toEqual(["app.css", "app.js", "zeta.js"]);
      expect(embedded).toEqual(
        Object.fromEntries(Object.entries(files).map(([name, text]) => [name, minifyClientFile(name, text)])),
      );
    });

    it("embeds each file minified, the same module: its exports work and its imports are kept", async () => {
      const source = [
        'import { h } from "./dom.js";',
        "// A comment the browser does not need.",
        "/** @param {number} usd */",
        "export function money(usd) {",
        "  const dollars = usd.toFixed(2);",
        "  return `$${dollars}`;",
        "}",
        "export const render = () => h;",
      ].join("\n");
      const minified = minifyClientFile("format.js", source);
      expect(minified.length).toBeLessThan(source.length * 0.6);
      expect(minified).not.toContain("comment");
      expect(minified).toMatch(/from\s*"\.\/dom\.js"/);
      const withoutImport = minifyClientFile("format.js", source.split("\n").slice(1).join("\n").replace("h;", "1;"));
      const module = await import(`data:text/javascript,${encodeURIComponent(withoutImport)}`);
      expect(module.money(3)).toBe("$3.00");
      expect(minifyClientFile("app.css", "/* note */\nbody {\n  margin: 0;\n}\n")).toBe("body{margin:0}\n");
    });

    it("versions the build by its served content: any changed byte or name gives new asset URLs", () => {
      const version = (files: Record<string, string>) =>
        /CLIENT_VERSION = "([0-9a-f]{12})"/.exec(renderAssets(clientDir(files)))![1];
      const base = { "app.js": 'import "./b.js";\n', "b.js": "export {};\n" };
      expect(version(base)).toBe(version({ ...base }));
      expect(version({ ...base, "b.js": "export const b = 1;\n" })).not.toBe(version(base));
      expect(version({ "app.js": base["app.js"], "c.js": base["b.js"] })).not.toBe(version(base));
    });

    it("refuses files the Worker could not serve safely, and a client without its entry", () => {
      for (const name of ["notes.txt", "App.js", "map.js.map", ".hidden.js", "two words.js"]) {
        expect(() => clientFiles(clientDir({ "app.js": "", [name]: "" })), name).toThrow(/kebab-case/);
      }
      const nested = clientDir({ "app.js": "" });
      mkdirSync(join(nested, "lib.js"));
      expect(() => clientFiles(nested)).toThrow(/kebab-case/);
      expect(() => clientFiles(clientDir({ "main.js": "" }))).toThrow(/app\.js is missing/);
    });
  });
});
