import { apiRoute, json, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { translator } from "@/lib/i18n/translate";
import { presentSprintReview } from "@/lib/slo/present";
import { sprintReviewFile } from "@/lib/slo/review-export";
import { reviewInstant, sprintRange, ZSprintReviewQuery } from "@/lib/slo/review-range";
import { sprintReview } from "@/lib/slo/sprint-review";

/** The sprint-planning review as JSON, Markdown (for the planning doc) or CSV (`table=slos`, or `table=slow-burns`). */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const query = parseInput(ZSprintReviewQuery, searchParams(request));
  const { from, to } = sprintRange(query, reviewInstant(query.at, new Date()));
  const review = await sprintReview(from, to);
  if (query.format === "json") return json(presentSprintReview(review));
  const file = sprintReviewFile(review, query.format, query.table, translator(query.lang ?? "en"));
  return new Response(file.body, { headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"` } });
});
