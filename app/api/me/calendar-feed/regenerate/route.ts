import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { regenerateUserFeed } from "@/lib/oncall/feeds";
import { feedUrl } from "@/lib/oncall/feed-url";

/** A new secret iCalendar URL of the caller's own shifts, shown once; the previous one stops working. */
export const POST = apiRoute(async (request) => {
  const actor = await requireApiActor(request, "incident:read");
  return json({ url: feedUrl(await regenerateUserFeed(actor)) }, 201);
});
