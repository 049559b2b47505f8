import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertCan } from "./auth/permissions";
import { conflict, DomainError, invalidFields, notFound, staleChange, unprocessable } from "./errors";
import { listOf, statusLabel } from "./i18n/message";
import { translator } from "./i18n/translate";

const [en, ja] = [translator("en"), translator("ja")];

function refusal(work: () => void): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("nothing was refused");
}

describe("a domain error's message", () => {
  it("keeps the API's English word for word, with an enum value as it is, and shows each reader its label", () => {
    const error = unprocessable("errors.incident.cannotMove", { from: statusLabel("resolved"), to: statusLabel("investigating") });
    expect(error).toMatchObject({ status: 422, code: "invalid_change", message: "Cannot move an incident from resolved to investigating" });
    expect(error.localized(en)).toBe("Cannot move an incident from Resolved to Investigating");
    expect(error.localized(ja)).toBe("インシデントを「解決」から「調査中」には変更できません。");
  });

  it("names what was not found in each language", () => {
    const error = notFound("escalationPolicy");
    expect(error).toMatchObject({ status: 404, code: "not_found", message: "Escalation policy not found" });
    expect(error.localized(en)).toBe("Escalation policy not found");
    expect(error.localized(ja)).toBe("エスカレーションポリシーが見つかりません。");
  });

  it("shows names as they are, and the role and permission of a refusal as labels", () => {
    const taken = conflict("errors.service.slugTaken", { slug: "checkout-api" });
    expect([taken.message, taken.localized(ja)]).toEqual([
      "A service with the slug checkout-api already exists",
      "スラッグが「checkout-api」のサービスはすでにあります。",
    ]);

    const forbidden = refusal(() => assertCan({ id: "u", name: "Vic", email: "vic@example.com", role: "viewer" }, "incident:write"));
    expect(forbidden.message).toBe("The viewer role does not allow incident:write");
    expect(forbidden.localized(ja)).toBe("「閲覧者」のロールではインシデントの操作はできません。");
  });

  it("joins a list of messages with each language's separator", () => {
    const gap = (percent: string, slo: string) => ({ key: "errors.postmortem.budgetConsumed", vars: { percent, slo } }) as const;
    const error = unprocessable("errors.postmortem.p0Missing", { consumed: listOf([gap("40.0%", "Checkout availability"), gap("25.5%", "Search latency")]) });
    expect(error.message).toBe(
      "The error budget policy asks for at least one P0 action item: this incident consumed 40.0% of Checkout availability, 25.5% of Search latency",
    );
    expect(error.localized(ja)).toBe(
      "エラーバジェットポリシーにより、P0 のアクションアイテムが少なくとも 1 つ必要です。このインシデントが消費したバジェット：Checkout availability の 40.0%、Search latency の 25.5%",
    );
  });

  it("tells forms more than the API where a stale change was refused", () => {
    const error = staleChange(
      { key: "errors.incident.staleStatus", vars: { now: statusLabel("monitoring"), was: statusLabel("investigating") } },
      { key: "errors.stale.status", vars: { current: statusLabel("monitoring"), seen: statusLabel("investigating") } },
    );
    expect(error.message).toBe("The status is now monitoring, not investigating: someone changed it meanwhile, so nothing was changed");
    expect(error.localized(ja)).toContain("ほかの人がステータスを「経過観察」に変更しました");
  });
});

describe("fields that do not parse", () => {
  const schema = z.object({
    title: z.string().trim().min(1).max(10),
    severity: z.enum(["SEV1", "SEV2"]),
    timeZone: z.string().refine((zone) => zone.includes("/"), "must be an IANA time zone such as Europe/Berlin"),
  });
  const issues = schema.safeParse({ title: "", severity: "SEV9", timeZone: "Mars" }).error?.issues ?? [];

  it("name each field by its path in the API's English, with zod's and the schema's own messages", () => {
    const error = invalidFields(issues);
    expect(error).toMatchObject({ status: 400, code: "invalid_request" });
    expect(error.message).toBe(issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
    expect(error.message).toContain("timeZone: must be an IANA time zone such as Europe/Berlin");
  });

  it("name each field by its label in forms, in English and in Japanese, saying in Japanese what to fix", () => {
    expect(invalidFields(issues).localized(en)).toBe(issues.map((issue, index) => `${["Title", "Severity", "Time zone"][index]}: ${issue.message}`).join("; "));
    expect(invalidFields(issues).localized(ja)).toBe(
      "「タイトル」を入力してください。「重大度」は選択肢から選んでください。「タイムゾーン」の入力内容が正しくありません。",
    );
    const tooLong = schema.safeParse({ title: "x".repeat(11), severity: "SEV1", timeZone: "Europe/Berlin" }).error?.issues ?? [];
    expect(invalidFields(tooLong, { prefix: "target", status: 422 })).toMatchObject({
      status: 422,
      code: "invalid_change",
      message: expect.stringMatching(/^target\.title: /),
    });
    expect(invalidFields(tooLong).localized(ja)).toBe("「タイトル」は 10 文字以内で入力してください。");
  });

  it("number an item of a list, and tell a number that is not one from a missing field", () => {
    const policy = z.object({
      repeatCount: z.coerce.number().int(),
      steps: z.array(z.object({ delayMinutes: z.number().min(0), note: z.string().min(1) })).min(1),
      memberIds: z.array(z.string()).min(2),
      burnRateFactors: z.array(z.number().positive()).length(4),
    });
    // As parseForm parses (lib/http/action.ts): each issue carries its input.
    const parsed = policy.safeParse(
      { repeatCount: "three", steps: [{ delayMinutes: 0, note: "x" }, { delayMinutes: -5 }], memberIds: [], burnRateFactors: [14.4, undefined, 1, 1] },
      { reportInput: true },
    );
    const error = invalidFields(parsed.error?.issues ?? []);
    expect(error.message).toMatch(/^repeatCount: .*; steps\.1\.delayMinutes: .*; steps\.1\.note: .*; memberIds: .*; burnRateFactors\.1: /);
    expect(error.localized(ja)).toBe(
      "「繰り返し回数」は数値で入力してください。「待ち時間(分)(2 件目)」は 0 以上にしてください。「メモ(2 件目)」を入力してください。「メンバー」を 2 件以上指定してください。「バーンレートアラートの係数(2 件目)」を入力してください。",
    );
    expect(error.localized(en)).toMatch(/^Repeats: .*; Delay \(minutes\) 2: .*; Note 2: .*; Members: .*; Burn-rate alert factors 2: /);
  });

  it("name a notification channel's settings by their labels", () => {
    const smtp = z.object({ host: z.string().min(1), port: z.number() }).safeParse({ host: "", port: Number.NaN }, { reportInput: true });
    expect(invalidFields(smtp.error?.issues ?? []).localized(ja)).toBe("「SMTP ホスト」を入力してください。「ポート」は数値で入力してください。");
    const target = z.object({ roomId: z.string().min(1) }).safeParse({ roomId: "" });
    expect(invalidFields(target.error?.issues ?? [], { prefix: "target", status: 422 }).localized(ja)).toBe("「ルーム ID」を入力してください。");
  });

  it("name a field without a label of its own by the nearest part of its path that has one", () => {
    const nested = z.object({ workingHours: z.object({ zoneName: z.string() }) }).safeParse({ workingHours: {} });
    expect(invalidFields(nested.error?.issues ?? []).localized(ja)).toBe("「業務時間」を入力してください。");
    expect(invalidFields(nested.error?.issues ?? []).message).toMatch(/^workingHours\.zoneName: /);
  });
});
