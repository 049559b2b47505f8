import { expect, test, type Page } from "@playwright/test";
import { DEMO, expectNoEnglish, signIn } from "./helpers";

const readInJapanese = (page: Page) => page.context().addCookies([{ name: "firebreak-locale", value: "ja", url: page.url() }]);

test("a refusal from the domain and a field that does not parse read in the form's language: English, then Japanese with no English left", async ({ page }) => {
  await signIn(page, DEMO.admin);

  // The domain refuses a second service with the demo's checkout-api slug (409 conflict).
  const addDuplicate = async (form: ReturnType<Page["getByRole"]>, labels: { name: string; slug: RegExp; owner: string; submit: string }) => {
    await form.getByLabel(labels.name, { exact: true }).fill("Checkout again");
    await form.getByLabel(labels.slug).fill("checkout-api");
    await form.getByLabel(labels.owner).fill("Payments");
    await form.getByRole("button", { name: labels.submit }).click();
  };
  await page.goto("/services");
  const add = page.getByRole("form", { name: "Add a service" });
  await addDuplicate(add, { name: "Name", slug: /^Slug/, owner: "Owner team", submit: "Add service" });
  await expect(add.getByRole("alert")).toHaveText("A service with the slug checkout-api already exists");

  await readInJapanese(page);
  await page.reload();
  const addJa = page.getByRole("form", { name: "サービスを追加" });
  await addDuplicate(addJa, { name: "名前", slug: /^スラッグ/, owner: "オーナーチーム", submit: "サービスを追加" });
  await expect(addJa.getByRole("alert")).toHaveText("スラッグが「checkout-api」のサービスはすでにあります。");
  await expectNoEnglish(addJa.getByRole("alert"), ["checkout-api"]);

  // A time zone the schema refuses with its own English message: Japanese names the field and says what is wrong in Japanese.
  await page.goto("/services/checkout-api");
  const settings = page.getByRole("form", { name: "オンコール: エスカレーションと緊急度" });
  await settings.getByLabel("タイムゾーン").fill("Mars/Olympus");
  await settings.getByRole("button", { name: "エスカレーション設定を保存" }).click();
  await expect(settings.getByRole("alert")).toHaveText("「タイムゾーン」の入力内容が正しくありません。");
  await expectNoEnglish(settings.getByRole("alert"), []);
});
