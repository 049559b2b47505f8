import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { requireUser } from "@/lib/auth/session";
import { parsePageFilter } from "@/lib/http/search-params";
import { getTranslator } from "@/lib/i18n/server";
import { listPostmortems } from "@/lib/postmortems/queries";
import { ZPostmortemListFilter } from "@/lib/postmortems/schema";

export const metadata = { title: "Postmortems" };

const STATUSES = ["draft", "in_review", "approved", "published"] as const;

export default async function PostmortemsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { locale, t } = await getTranslator();
  const filter = parsePageFilter(ZPostmortemListFilter, await searchParams);
  const postmortems = await listPostmortems({ query: filter.q, status: filter.status, limit: filter.limit });
  return (
    <div className="stack">
      <h1>{t("pm.list.title")}</h1>
      <form className="filters" method="get" role="search" aria-label={t("pm.list.search")}>
        <label className="field">
          {t("pm.list.search")}
          <input name="q" type="search" defaultValue={filter.q} placeholder={t("pm.list.searchPlaceholder")} />
        </label>
        <label className="field">
          {t("pm.item.status")}
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("pm.list.any")}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`pm.status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("pm.list.searchButton")}</button>
      </form>
      {postmortems.length === 0 ? (
        <p className="empty">{filter.q ? t("pm.list.noMatches") : t("pm.list.empty")}</p>
      ) : (
        <DataTable headers={[t("pm.list.col.postmortem"), t("pm.item.status"), t("pm.list.col.services"), t("pm.list.col.updated")]} testId="postmortem-list">
          {postmortems.map((postmortem) => (
            <tr key={postmortem.id}>
              <td>
                <Link href={`/postmortems/${postmortem.id}`}>{postmortem.title}</Link>
                {postmortem.excerpt ? <div className="muted small">{postmortem.excerpt}</div> : null}
              </td>
              <td>
                <span className={`badge pm-status-${postmortem.status}`}>{t(`pm.status.${postmortem.status}`)}</span>
              </td>
              <td>{postmortem.incident.services.map((link) => link.service.name).join(", ")}</td>
              <td>
                <LocalTime iso={postmortem.updatedAt.toISOString()} locale={locale} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
