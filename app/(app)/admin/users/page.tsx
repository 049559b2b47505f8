import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { requirePermission } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listUsers, workingApiTokensByUser } from "@/lib/users/queries";
import { createUserAction, revokeUserTokenAction, updateUserAction } from "./actions";

export const metadata = { title: "Users" };

const ORG_ROLES = ["admin", "responder", "viewer"] as const;

export default async function UsersPage() {
  await requirePermission("user:manage");
  const [{ t }, users, tokensByUser] = await Promise.all([getTranslator(), listUsers(), workingApiTokensByUser()]);
  return (
    <div className="stack">
      <h1>{t("users.title")}</h1>
      <DataTable headers={[t("users.col.name"), t("users.col.email"), t("users.col.role"), t("users.col.state"), t("users.col.tokens")]}>
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
            <td>
              {(tokensByUser.get(user.id) ?? []).map((token) => (
                <ActionForm key={token.id} action={revokeUserTokenAction} className="inline" label={`${t("tokens.revoke")}: ${token.name} (${user.name})`}>
                  <input type="hidden" name="tokenId" value={token.id} />
                  <span>
                    {token.name} <code>{token.prefix}…</code>
                  </span>
                  <SubmitButton small>{t("tokens.revoke")}</SubmitButton>
                </ActionForm>
              ))}
              {tokensByUser.has(user.id) ? null : <span className="muted">{t("users.noTokens")}</span>}
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
