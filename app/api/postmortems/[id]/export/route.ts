import { z } from "zod";
import { apiRoute, notFoundResponse, parseInput, requireApiActor, searchParams } from "@/lib/http/api";
import { exportPostmortem } from "@/lib/postmortems/queries";

const ZExportQuery = z.object({ format: z.enum(["markdown", "html", "json"]).default("markdown") }).strict();

/** Markdown (GitHub-flavoured), HTML with a print stylesheet, or structured JSON. */
export const GET = apiRoute<{ id: string }>(async (request, { id }) => {
  await requireApiActor(request, "incident:read");
  const { format } = parseInput(ZExportQuery, searchParams(request));
  const exported = await exportPostmortem(id, format);
  if (!exported) return notFoundResponse("Postmortem");
  return new Response(exported.body, {
    headers: {
      "content-type": exported.contentType,
      "content-disposition": `${format === "html" ? "inline" : "attachment"}; filename="${exported.filename}"`,
      // The HTML export is people's text: it may not run scripts or load anything but its own styles.
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:",
      "x-content-type-options": "nosniff",
    },
  });
});
