import Link from "next/link";
import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listTeams } from "@/lib/oncall/queries";
import { listUsers } from "@/lib/users/queries";
import { createTeamAction } from "./actions";
import { ZoneList } from "./zone-list";

export const metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requireUser();
  const canManage = can(actor.role, "oncall:manage");
  const [{ t }, teams, users] = await Promise.all([getTranslator(), listTeams(), canManage ? listUsers() : Promise.resolve([])]);
  return (
    <div className="stack">
      <h1>{t("oncall.teams.title")}</h1>
      {teams.length === 0 ? (
        <p className="empty">{t("oncall.teams.empty")}</p>
      ) : (
        <DataTable headers={[t("oncall.teams.col.name"), t("oncall.teams.col.zone"), t("oncall.teams.col.members"), t("oncall.teams.col.services")]}>
          {teams.map((team) => (
            <tr key={team.id}>
              <td>
                <Link href={`/teams/${team.slug}`}>{team.name}</Link>
              </td>
              <td>{team.timeZone}</td>
              <td>{team._count.members}</td>
              <td>{team._count.services}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canManage ? (
        <section className="panel" style={{ maxWidth: 640 }}>
          <h2>{t("oncall.teams.add")}</h2>
          <ActionForm action={createTeamAction} resetOnSuccess label={t("oncall.teams.add")}>
            <label className="field">
              {t("oncall.field.name")}
              <input name="name" required minLength={2} maxLength={100} />
            </label>
            <label className="field">
              {t("oncall.field.slug")}
              <input name="slug" pattern="[a-z0-9][a-z0-9-]{1,62}" />
            </label>
            <label className="field">
              {t("oncall.field.zone")}
              <input name="timeZone" required list="time-zones" defaultValue="Asia/Tokyo" />
            </label>
            <ZoneList />
            <fieldset className="fieldset">
              <legend>{t("oncall.field.members")}</legend>
              {users
                .filter((user) => !user.disabledAt)
                .map((user) => (
                  <label key={user.id}>
                    <input type="checkbox" name="memberIds" value={user.id} /> {user.name}
                  </label>
                ))}
            </fieldset>
            <div>
              <SubmitButton primary>{t("oncall.submit.create")}</SubmitButton>
            </div>
          </ActionForm>
        </section>
      ) : null}
    </div>
  );
}
