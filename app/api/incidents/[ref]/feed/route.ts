import { apiRoute, json, parseInput, requireApiActor } from "@/lib/http/api";
import { translator } from "@/lib/i18n/translate";
import { requestLocale } from "@/lib/i18n/request-locale";
import { feedPage, ZFeedQuery } from "@/lib/incidents/feed";
import { requireIncidentId } from "@/lib/incidents/queries";

export const dynamic = "force-dynamic";

/** The incident room's activity feed, newest first and described in the viewer's language: a page, older entries, or what is new. */
export const GET = apiRoute<{ ref: string }>(async (request, { ref }) => {
  await requireApiActor(request, "incident:read");
  const query = parseInput(ZFeedQuery, Object.fromEntries(new URL(request.url).searchParams));
  const incidentId = await requireIncidentId(ref);
  const locale = requestLocale(request);
  return json(await feedPage(incidentId, query, translator(locale), locale));
});
