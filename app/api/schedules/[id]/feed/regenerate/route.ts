import { apiRoute, json, requireApiActor } from "@/lib/http/api";
import { regenerateScheduleFeed } from "@/lib/oncall/feeds";
import { feedUrl } from "@/lib/oncall/feed-url";

/** A new secret iCalendar URL for the schedule, shown once; the previous one stops working. */
export const POST = apiRoute<{ id: string }>(async (request, { id }) => {
  const actor = await requireApiActor(request, "oncall:manage");
  return json({ url: feedUrl(await regenerateScheduleFeed(actor, id)) }, 201);
});
