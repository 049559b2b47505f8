import { beforeAll, expect, it } from "vitest";
import { GET as reviewRoute } from "@/app/api/review/route";
import { apiRequest, routeParams } from "@/lib/testing/api-request";
import { createTestUserWithToken } from "@/lib/testing/factories";

let token: string;
beforeAll(async () => {
  ({ token } = await createTestUserWithToken("viewer"));
});

const reviewAsOf = async (query: string) => {
  const response = await reviewRoute(apiRequest("GET", `/api/review?${query}`, token), routeParams({}));
  expect(response.status).toBe(200);
  return (await response.json()) as { from: string; to: string };
};

it("computes a review as of the instant the page was shown, so its export holds the page's numbers", async () => {
  const shownAt = new Date(Date.now() - 90_000);
  const review = await reviewAsOf(`weeks=2&at=${encodeURIComponent(shownAt.toISOString())}`);
  expect(review.to).toBe(shownAt.toISOString());
  expect(new Date(review.to).getTime() - new Date(review.from).getTime()).toBe(14 * 86_400_000);
});

it("never computes a review as of the future", async () => {
  const before = Date.now();
  const review = await reviewAsOf(`weeks=1&at=${encodeURIComponent(new Date(before + 86_400_000).toISOString())}`);
  expect(new Date(review.to).getTime()).toBeLessThanOrEqual(Date.now());
  expect(new Date(review.to).getTime()).toBeGreaterThanOrEqual(before);
});

it("names a malformed instant", async () => {
  const response = await reviewRoute(apiRequest("GET", "/api/review?weeks=1&at=yesterday", token), routeParams({}));
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ issues: [{ path: "at" }] });
});
