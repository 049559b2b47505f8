import { apiRoute, json, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { translator } from "@/lib/i18n/translate";
import { sprintReviewCsv, sprintReviewMarkdown } from "@/lib/slo/review-export";
import { sprintRange, ZSprintReviewQuery } from "@/lib/slo/review-range";
import { sprintReview } from "@/lib/slo/sprint-review";

/** The sprint-planning review as JSON, Markdown (for the planning doc) or CSV. */
export const GET = apiRoute(async (request) => {
  await requireApiActor(request, "incident:read");
  const query = parseInput(ZSprintReviewQuery, searchParams(request));
  const { from, to } = sprintRange(query, new Date());
  const review = await sprintReview(from, to);
  const t = translator(query.lang ?? "en");
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const filename = `sprint-review-${day(from)}-${day(new Date(to.getTime() - 1))}`;
  if (query.format === "markdown") {
    return new Response(sprintReviewMarkdown(review, t), {
      headers: { "content-type": "text/markdown; charset=utf-8", "content-disposition": `attachment; filename="${filename}.md"` },
    });
  }
  if (query.format === "csv") {
    return new Response(sprintReviewCsv(review, t), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${filename}.csv"` },
    });
  }
  return json(review);
});
