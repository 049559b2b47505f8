import { expect, it } from "vitest";
import { slugify, ZServiceCreate } from "./schema";

it("derives URL-safe slugs and rejects bad ones", () => {
  expect(slugify("Checkout API")).toBe("checkout-api");
  expect(slugify("  Search / Suggest  ")).toBe("search-suggest");
  expect(ZServiceCreate.safeParse({ name: "Search", ownerTeam: "Discovery", slug: "Bad Slug" }).success).toBe(false);
});
