import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listUsers } from "@/lib/users/queries";
import { createUserAction, updateUserAction } from "./actions";

export const metadata = { title: "Users" };

const ORG_ROLES = ["admin", "responder", "viewer"] as const;

export default async function UsersPage() {
  await requirePermission("user:manage");
  const [{ t }, users] = await Promise.all([getTranslator(), listUsers()]);
  return (
    <div className="stack">
      <h1>{t("users.title")}</h1>
      <DataTable headers={[t("users.col.name"), t("users.col.email"), t("users.col.role"), t("users.col.state")]}>
        {users.map((user) => (
          <tr key={user.id} data-email={user.email}>
            <td>{user.name}</td>
            <td>{user.email}</td>
            <td>
              <ActionForm action={updateUserAction} className="inline" label={`${t("users.changeRole")}: ${user.name}`}>
                <input type="hidden" name="userId" value={user.id} />
                <select key={user.role} name="role" defaultValue={user.role} aria-label={`${t("users.changeRole")}: ${user.name}`}>
                  {ORG_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {t(`common.role.${role}`)}
                    </option>
                  ))}
                </select>
                <SubmitButton small>{t("common.save")}</SubmitButton>
              </ActionForm>
            </td>
            <td>
              <ActionForm action={updateUserAction} className="inline" label={user.name}>
                <input type="hidden" name="userId" value={user.id} />
                <input type="hidden" name="disabled" value={user.disabledAt ? "false" : "true"} />
                <span>{user.disabledAt ? t("users.disabled") : t("users.active")}</span>
                <SubmitButton small>{user.disabledAt ? t("users.enable") : t("users.disable")}</SubmitButton>
              </ActionForm>
            </td>
          </tr>
        ))}
      </DataTable>
      <section className="panel" style={{ maxWidth: 640 }}>
        <h2>{t("users.add")}</h2>
        <p className="muted small">{t("users.addHint")}</p>
        <ActionForm action={createUserAction} resetOnSuccess label={t("users.add")}>
          <label className="field">
            {t("users.field.name")}
            <input name="name" required maxLength={100} />
          </label>
          <label className="field">
            {t("users.field.email")}
            <input name="email" type="email" required />
          </label>
          <label className="field">
            {t("users.field.role")}
            <select name="role" defaultValue="responder">
              {ORG_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`common.role.${role}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            {t("users.field.password")}
            <input name="password" type="password" required minLength={12} autoComplete="new-password" />
          </label>
          <div>
            <SubmitButton primary>{t("users.submit")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
    </div>
  );
}
