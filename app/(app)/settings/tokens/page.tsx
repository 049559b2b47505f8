import { ActionForm, SubmitButton } from "@/components/ui/action-form";
import { DataTable } from "@/components/ui/data-table";
import { LocalTime } from "@/components/ui/local-time";
import { requireUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listApiTokens } from "@/lib/users/queries";
import { createTokenAction, revokeTokenAction } from "./actions";

export const metadata = { title: "API tokens" };

const EXPIRY_DAYS = [7, 30, 90, 365] as const;

export default async function TokensPage() {
  const actor = await requireUser();
  const [{ locale, t }, tokens] = await Promise.all([getTranslator(), listApiTokens(actor.id)]);
  const now = new Date();
  return (
    <div className="stack" style={{ maxWidth: 900 }}>
      <h1>{t("tokens.title")}</h1>
      <p className="muted">{t("tokens.intro")}</p>
      <section className="panel">
        <ActionForm action={createTokenAction} label={t("tokens.create")} secretLabel={t("tokens.created")} className="fields">
          <label className="field">
            {t("tokens.field.name")}
            <input name="name" required maxLength={100} placeholder="deploy-bot" />
          </label>
          <label className="field">
            {t("tokens.field.expires")}
            <select name="expiresInDays" defaultValue="90">
              {EXPIRY_DAYS.map((days) => (
                <option key={days} value={days}>
                  {t("tokens.expiresIn", { days })}
                </option>
              ))}
              <option value="">{t("tokens.expiresNever")}</option>
            </select>
          </label>
          <div>
            <SubmitButton primary>{t("tokens.create")}</SubmitButton>
          </div>
        </ActionForm>
      </section>
      {tokens.length === 0 ? (
        <p className="empty">{t("tokens.empty")}</p>
      ) : (
        <DataTable headers={[t("tokens.col.name"), t("tokens.col.prefix"), t("tokens.col.created"), t("tokens.col.lastUsed"), t("tokens.col.expires"), t("tokens.col.state")]}>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>
                <LocalTime iso={token.createdAt.toISOString()} locale={locale} />
              </td>
              <td>{token.lastUsedAt ? <LocalTime iso={token.lastUsedAt.toISOString()} locale={locale} /> : t("tokens.never")}</td>
              <td>{token.expiresAt ? <LocalTime iso={token.expiresAt.toISOString()} locale={locale} /> : t("tokens.expiresNever")}</td>
              <td>
                {token.revokedAt ? (
                  t("tokens.revoked")
                ) : token.expiresAt && token.expiresAt <= now ? (
                  t("tokens.expired")
                ) : (
                  <ActionForm action={revokeTokenAction} className="inline" label={`${t("tokens.revoke")}: ${token.name}`}>
                    <input type="hidden" name="tokenId" value={token.id} />
                    <span>{t("tokens.active")}</span>
                    <SubmitButton small>{t("tokens.revoke")}</SubmitButton>
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
