import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./accessibility";
import { DEMO, openFromMenu, screenshot, signIn } from "./helpers";

// Issue 14, "Lists, charts, time": the incident list and the other tables at the two common desktop
// widths, the review's budget chart, one SLO verdict with its reason, and times labelled with their zone.

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** Each visible table in the page's main area that is cut off, sticks out of its column, runs under a neighbour or needs scrolling. */
async function tableProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const name = (table: Element) => table.getAttribute("data-testid") ?? table.querySelector("th")?.textContent ?? "table";
    for (const table of document.querySelectorAll("main table")) {
      const box = table.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      let container = table.parentElement as HTMLElement;
      while (container.classList.contains("table-scroll")) container = container.parentElement as HTMLElement;
      const column = container.getBoundingClientRect();
      if (box.left < column.left - 1 || box.right > column.right + 1) problems.push(`${name(table)}: ${box.width}px wide in a ${column.width}px column`);
      const scroller = table.closest(".table-scroll");
      if (scroller && scroller.scrollWidth > scroller.clientWidth + 1) problems.push(`${name(table)}: scrolls sideways`);
      for (const cell of table.querySelectorAll("th")) {
        const cellBox = cell.getBoundingClientRect();
        if (cellBox.right > column.right + 1) problems.push(`${name(table)}: column "${cell.textContent}" is cut off`);
      }
      for (const aside of document.querySelectorAll("main aside")) {
        const side = aside.getBoundingClientRect();
        const overlaps = box.left < side.right && side.left < box.right && box.top < side.bottom && side.top < box.bottom;
        if (overlaps) problems.push(`${name(table)}: runs under "${aside.querySelector("h2")?.textContent}"`);
      }
    }
    return problems;
  });
}

async function setLocale(page: Page, locale: "en" | "ja") {
  await page.context().addCookies([{ name: "firebreak-locale", value: locale, url: page.url() }]);
}

test("the incident list, the service page and the review fit 1280 and 1920 px in English and Japanese", async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.ben);
  for (const locale of ["en", "ja"] as const) {
    await setLocale(page, locale);
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      for (const [path, shot] of [
        ["/incidents", "list"],
        ["/services/checkout-api", "service"],
        ["/review", "review"],
        ["/services", null],
        ["/alerts", null],
        ["/postmortems", null],
        ["/action-items", null],
      ] as const) {
        await page.goto(path);
        await expect(page.locator("h1").first()).toBeVisible();
        await test.step(`${path} at ${size.width} px (${locale})`, async () => expect(await tableProblems(page)).toEqual([]));
        if (shot) await screenshot(page, `${shot}-${size.width}-${locale}`);
      }
      await page.goto("/incidents");
      // At 1920 the content uses the screen, not a 1,150 px column with wide margins.
      const mainWidth = await page.locator("main").evaluate((main) => main.getBoundingClientRect().width);
      expect(mainWidth).toBeGreaterThan(size.width === 1920 ? 1700 : 1200);
      const list = page.getByTestId("incident-list");
      await expect(list.locator("th").filter({ hasText: locale === "en" ? /^Commander$/i : "責任者" })).toBeVisible();
      await expect(list.locator("th").last()).toBeVisible();
    }
  }
});

test("an SLO's status is one verdict with its reason, on the service page and in the review, in English and Japanese", async ({ page }) => {
  await signIn(page, DEMO.ben);
  await page.goto("/services/checkout-api");
  const card = page.getByTestId("slo").filter({ hasText: "Checkout availability" });
  const verdict = card.getByTestId("verdict");
  // The demo's Checkout SLO has budget left but pages at a fast burn: the verdict says feature work may go on, and what threatens it.
  await expect(verdict).toHaveText(
    /^Feature work OK — but (at today's burn the budget is gone on [A-Z][a-z]{2} \d{1,2}|it is burning fast right now \(paging alert\))$/,
  );
  await expect(card.getByTestId("alert-state")).toHaveText("Paging: burning fast");
  await expectNoAccessibilityViolations(page);

  await setLocale(page, "ja");
  await page.reload();
  await expect(verdict).toHaveText(
    /^機能開発を進めてよい — ただし(今日の消費ペースでは\d{1,2}月\d{1,2}日にバジェットが尽きます|現在急速に消費中（呼び出しアラート）)$/,
  );
  await expectNoAccessibilityViolations(page);

  // The review speaks the same verdict for the same SLO.
  await setLocale(page, "en");
  await page.goto("/review");
  const row = page.getByTestId("review-slos").locator("tr", { hasText: "Checkout availability" });
  await expect(row.getByTestId("slo-verdict")).toContainText("Feature work OK — ");
  await expect(page.getByTestId("review-services").locator("tr", { hasText: "Search" }).getByTestId("service-verdict")).toHaveText(
    /^Prioritise reliability — .+: (only )?\d+\.\d% of the budget left/,
  );
});

test("a newly added SLO without data says 'No data yet', not 'No SLO'", async ({ page }) => {
  await signIn(page, DEMO.chen);
  await page.goto("/services/notifications");
  const name = `Delivery success ${Date.now()}`;
  const form = page.getByRole("form", { name: "Add an SLO" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Objective (%)").fill("99.5");
  await form.getByRole("button", { name: "Add SLO" }).click();
  const card = page.getByTestId("slo").filter({ hasText: name });
  await expect(card.getByTestId("verdict")).toHaveText("No data yet");
  await page.goto("/review");
  await expect(page.getByTestId("review-slos").locator("tr", { hasText: name }).getByTestId("slo-verdict")).toHaveText("No data yet");
  await setLocale(page, "ja");
  await page.reload();
  await expect(page.getByTestId("review-slos").locator("tr", { hasText: name }).getByTestId("slo-verdict")).toHaveText("データはまだありません");
});

test("the review charts the SLOs at risk on a clamped scale, and the burn-down has one tick a day and a tooltip", async ({ page }) => {
  await signIn(page, DEMO.ben);
  await page.goto("/review");
  const chart = page.getByTestId("budget-chart");
  await expect(chart).toBeVisible();
  await expect(page.getByTestId("budget-chart-note")).toContainText("SLOs at risk");
  await expect(chart.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")).toHaveText(["-100%", "-50%", "0%", "25%", "50%", "100%"]);
  // Bars sorted by the budget left at the sprint's end, least first; only the SLOs at risk.
  const names = await chart.locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();
  const slos = page.getByTestId("review-slos");
  // An axis label wraps onto lines of its own, so names are compared without their spaces.
  const leftAtEnd = new Map(
    await slos
      .locator("tbody tr")
      .evaluateAll((rows) =>
        rows.map(
          (row) =>
            [row.getAttribute("data-slo")?.replace(/\s/g, "") ?? "", Number(row.querySelector("[data-testid=at-end]")?.textContent?.replace("%", ""))] as const,
        ),
      ),
  );
  const figures = names.map((name) => leftAtEnd.get(name.replace(/\s/g, "")) ?? Number.NaN);
  expect(figures.length).toBeGreaterThan(0);
  expect(figures.filter((figure) => Number.isNaN(figure))).toEqual([]);
  expect(figures).toEqual([...figures].sort((a, b) => a - b));
  expect(names.length).toBeLessThan(await slos.locator("tbody tr").count());
  // Every charted SLO draws a bar, whatever its neighbours' figures.
  const bars = chart.locator(".recharts-bar-rectangle path");
  for (const box of await bars.evaluateAll((paths) => paths.map((path) => path.getBoundingClientRect().width))) expect(box).toBeGreaterThan(1);
  await bars.last().hover();
  await expect(chart.locator(".recharts-tooltip-wrapper")).toContainText("%");

  await page.goto("/services/checkout-api");
  const burnDown = page.getByTestId("burn-down-chart").first();
  await expect(burnDown.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const days = await burnDown.locator(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents();
  expect(days.length).toBeGreaterThan(2);
  expect(new Set(days).size).toBe(days.length);
  const plot = await burnDown.locator(".recharts-cartesian-grid").boundingBox();
  if (!plot) throw new Error("the burn-down has no plot area");
  await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2);
  await expect(burnDown.locator(".recharts-tooltip-wrapper")).toContainText(/\d{2}:\d{2} UTC/);
});

test("times carry their zone, the date only when not today, UTC on hover, and follow the zone chosen in the profile", async ({ browser }) => {
  // A browser in Tokyo with no zone chosen: times follow the browser.
  const context = await browser.newContext({ timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  await signIn(page, DEMO.viewer);
  const started = page.getByTestId("incident-list").locator("tbody tr").first().locator("td").last().locator("time");
  await expect(started).toHaveText(/(^|, )\d{2}:\d{2} JST$/);
  await expect(started).toHaveAttribute("title", /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  // "Happening now": today's entries show the time alone; older ones their date.
  const happening = page.getByTestId("happening-now").locator("time");
  for (const time of await happening.all()) {
    const iso = (await time.getAttribute("datetime")) ?? "";
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
    const sameDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(iso)) === today;
    await expect(time).toHaveText(sameDay ? /^\d{2}:\d{2} JST$/ : /^[A-Z][a-z]{2} \d{1,2}(, \d{4})?, \d{2}:\d{2} JST$/);
  }

  // Choosing a zone in the profile wins over the browser's.
  await openFromMenu(page, "user-menu", "Your profile");
  await expect(page.getByRole("heading", { name: "Profile", level: 1 })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("America/New_York");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByTestId("time-example")).toHaveText(/\d{2}:\d{2} E[SD]T$/);
  await page.goto("/incidents");
  await expect(started).toHaveText(/\d{2}:\d{2} E[SD]T$/);

  // In Japanese too, and back to the browser's zone.
  await setLocale(page, "ja");
  await page.goto("/settings/profile");
  await expect(page.getByRole("heading", { name: "プロフィール", level: 1 })).toBeVisible();
  await page.getByRole("combobox", { name: "タイムゾーン" }).selectOption("");
  await page.getByRole("button", { name: "タイムゾーンを保存" }).click();
  await expect(page.getByTestId("time-example")).toHaveText(/^現在の表示：\d{2}:\d{2} JST$/);
  await page.goto("/incidents");
  await expect(started).toHaveText(/(^|日 )\d{2}:\d{2} JST$/);
  await context.close();
});

test("the top bar stays on one row at 1280 px for an admin and a responder in English and Japanese, its menus usable by keyboard", async ({ browser }) => {
  for (const email of [DEMO.admin, DEMO.ben]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, email);
    for (const locale of ["en", "ja"] as const) {
      await setLocale(page, locale);
      await page.goto("/incidents");
      await expect(page.locator("h1").first()).toBeVisible();
      // Every link and menu of the bar sits on the same row as the brand.
      const middles = await page.locator(".topbar").evaluate((bar) =>
        [...bar.querySelectorAll(".brand, nav > a, nav > details > summary, .who > *")].map((item) => {
          const box = item.getBoundingClientRect();
          return box.top + box.height / 2;
        }),
      );
      expect(Math.max(...middles) - Math.min(...middles), `${email} (${locale})`).toBeLessThan(12);
      if (email === DEMO.admin) await screenshot(page, `topbar-1280-${locale}`, { clip: { x: 0, y: 0, width: 1280, height: 120 } });
    }
    // The person's own pages from the keyboard: the menu opens with Enter, Escape closes it, and so does tabbing past it.
    const userMenu = page.getByTestId("user-menu");
    await userMenu.locator("summary").focus();
    await page.keyboard.press("Enter");
    await expect(userMenu.getByRole("link", { name: "API トークン" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(userMenu.getByRole("link", { name: "API トークン" })).toBeHidden();
    await expect(userMenu.locator("summary")).toBeFocused();
    // Tabbing on past its last page closes it too.
    await page.keyboard.press("Enter");
    await expect(userMenu.getByRole("link", { name: "API トークン" })).toBeVisible();
    for (let step = 0; step < 10 && (await userMenu.evaluate((menu) => menu.contains(document.activeElement))); step++) await page.keyboard.press("Tab");
    await expect(userMenu.getByRole("link", { name: "API トークン" })).toBeHidden();
    await expect(page.getByTestId("admin-menu")).toHaveCount(email === DEMO.admin ? 1 : 0);
    await context.close();
  }
});
