// wrangler.toml's Durable Object migrations stay deployable: `wrangler deploy` applies the entries
// after the tag a Worker last deployed with, in file order, and a class can be created only once.
import { describe, expect, it } from "vitest";
import { wranglerDurableObjects, wranglerMigrations } from "./wrangler-config.ts";

/** Tags that reached main and may be deployed somewhere: they keep their place, first in this order. */
const RELEASED = ["v1", "v2", "v3", "v4-responses"];

describe("wrangler.toml migrations", () => {
  const migrations = wranglerMigrations();

  it("keep the released tags in place, in order, with later ones only appended", () => {
    expect(migrations.slice(0, RELEASED.length).map((m) => m.tag)).toEqual(RELEASED);
  });

  it("have unique tags and create each class once", () => {
    const tags = migrations.map((m) => m.tag);
    expect(new Set(tags).size).toBe(tags.length);
    const classes = migrations.flatMap((m) => m.newClasses);
    expect(new Set(classes).size).toBe(classes.length);
  });

  it("create every class a Durable Object binding names", () => {
    const created = new Set(migrations.flatMap((m) => m.newClasses));
    const bound = wranglerDurableObjects().map((d) => d.className);
    expect(bound).toContain("ResponseStore");
    expect(bound).toContain("AdminGuard");
    for (const className of bound) expect(created, className).toContain(className);
  });
});
