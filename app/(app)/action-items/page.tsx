import Link from "next/link";
import { DataTable } from "@/components/ui/data-table";
import { requireUser } from "@/lib/auth/session";
import { parsePageFilter } from "@/lib/http/search-params";
import { getTranslator } from "@/lib/i18n/server";
import { incidentReference } from "@/lib/incidents/rules";
import { listPossibleResponders } from "@/lib/incidents/queries";
import { listActionItems } from "@/lib/postmortems/queries";
import { ACTION_ITEM_PRIORITIES, ACTION_ITEM_STATUSES, isOverdue } from "@/lib/postmortems/rules";
import { ZActionItemListFilter } from "@/lib/postmortems/schema";

export const metadata = { title: "Action items" };

export default async function ActionItemsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireUser();
  const { t } = await getTranslator();
  const filter = parsePageFilter(ZActionItemListFilter, await searchParams);
  const now = new Date();
  const [items, people] = await Promise.all([listActionItems(filter, now), listPossibleResponders()]);
  return (
    <div className="stack">
      <h1>{t("pm.items.title")}</h1>
      <form className="filters" method="get" aria-label={t("pm.items.filter")}>
        <label className="field">
          {t("pm.item.status")}
          <select name="status" defaultValue={filter.status ?? ""}>
            <option value="">{t("pm.list.any")}</option>
            {ACTION_ITEM_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`pm.itemStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("pm.item.priority")}
          <select name="priority" defaultValue={filter.priority ?? ""}>
            <option value="">{t("pm.list.any")}</option>
            {ACTION_ITEM_PRIORITIES.map((priority) => (
              <option key={priority}>{priority}</option>
            ))}
          </select>
        </label>
        <label className="field">
          {t("pm.item.owner")}
          <select name="ownerId" defaultValue={filter.ownerId ?? ""}>
            <option value="">{t("pm.list.any")}</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        <label className="choice">
          <input type="checkbox" name="overdue" value="true" defaultChecked={filter.overdue === true} />
          {t("pm.item.overdueOnly")}
        </label>
        <button type="submit">{t("pm.list.searchButton")}</button>
      </form>
      {items.length === 0 ? (
        <p className="empty">{t("pm.items.empty")}</p>
      ) : (
        <DataTable
          headers={[t("pm.item.title"), t("pm.item.priority"), t("pm.item.owner"), t("pm.item.due"), t("pm.item.status"), t("pm.items.postmortem")]}
          testId="action-item-list"
        >
          {items.map((item) => (
            <tr key={item.id} className={isOverdue(item, now) ? "overdue" : undefined}>
              <td>
                {item.title}
                {item.trackerUrl ? (
                  <div className="small">
                    <a href={item.trackerUrl} rel="noopener noreferrer" target="_blank">
                      {item.trackerUrl}
                    </a>
                  </div>
                ) : null}
              </td>
              <td>
                <span className={`badge priority-${item.priority}`}>{item.priority}</span>
              </td>
              <td>{item.owner?.name ?? "—"}</td>
              <td>
                {item.dueDate ? item.dueDate.toISOString().slice(0, 10) : "—"}
                {isOverdue(item, now) ? <span className="badge overdue-badge">{t("pm.item.overdue")}</span> : null}
              </td>
              <td>{t(`pm.itemStatus.${item.status}`)}</td>
              <td>
                <Link href={`/postmortems/${item.postmortem.id}`}>{incidentReference(item.postmortem.incident.number)}</Link>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
