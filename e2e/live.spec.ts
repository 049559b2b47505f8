import { expect, test } from "@playwright/test";
import { DEMO, holdPageRefreshes, screenshot, signIn } from "./helpers";

test("two responders on one incident see each other's changes live, and a page that lost its stream catches up", async ({ browser }) => {
  const benContext = await browser.newContext();
  const chenContext = await browser.newContext();
  const ben = await benContext.newPage();
  const chen = await chenContext.newPage();
  await signIn(ben, DEMO.ben);
  await signIn(chen, DEMO.chen);

  await ben.getByRole("link", { name: "Declare incident" }).click();
  await ben.getByLabel("What is happening?").fill("Live timeline check");
  await ben.getByRole("button", { name: "Declare incident" }).click();
  await expect(ben.getByTestId("incident-title")).toHaveText("Live timeline check");
  const roomUrl = ben.url();
  await chen.goto(roomUrl);
  await expect(chen.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  await expect(ben.getByTestId("live-status")).toHaveAttribute("data-connected", "true");

  // Ben hands command to Chen: Chen's page shows it without a reload.
  const commander = ben.locator('[data-role="commander"]');
  await commander.getByRole("combobox").selectOption({ label: "Chen Wei" });
  await commander.getByRole("button", { name: "Hand off" }).click();
  await expect(chen.getByTestId("holder-commander")).toContainText("Chen Wei");
  await expect(chen.getByTestId("timeline")).toContainText("handed Incident commander from Ben Carter to Chen Wei");
  await expect(ben.getByTestId("present")).toHaveText("Here now: Ben Carter, Chen Wei");

  // The handoff waits for Chen; his acknowledgement reaches Ben live.
  await expect(ben.getByTestId("pending-commander")).toContainText("Waiting for Chen Wei to acknowledge");
  await expect(ben.getByTestId("pending-commander").getByRole("button")).toHaveCount(0);
  await chen.getByTestId("pending-commander").getByRole("button", { name: "Acknowledge handoff" }).click();
  await expect(ben.getByTestId("pending-commander")).toHaveCount(0);
  await expect(ben.getByTestId("timeline")).toContainText("Chen Wei acknowledged the Incident commander handoff");

  // Chen works through the commander checklist; Ben sees the progress.
  await chen.getByTestId("checklist-commander").getByRole("checkbox").first().click();
  await expect(ben.getByTestId("checklist-commander").locator('li[data-done="true"]')).toContainText("Assign the operations and communications roles");
  await expect(ben.getByTestId("timeline")).toContainText("checked “Assign the operations and communications roles”");

  // Chen adds a note and moves the status: Ben sees both without a reload. Chen's page re-renders
  // its panels slowly (held here, as on a loaded server): what he does meanwhile must follow the
  // status the live stream reported, not the one his page was rendered with.
  const heldRefreshes = holdPageRefreshes(chen);
  await chen.getByRole("textbox", { name: "Add a note to the timeline" }).fill("Rolled back the config push.");
  await chen.getByRole("button", { name: "Add note" }).click();
  await chen.getByRole("button", { name: "Investigating" }).click();
  await expect(ben.getByTestId("timeline")).toContainText("Rolled back the config push.");
  await expect(ben.getByTestId("incident-status")).toHaveText("Investigating");

  // Ben marks Chen's note as a key event.
  const chenNote = ben.getByTestId("timeline").locator('li[data-kind="note"]').filter({ hasText: "Rolled back the config push." });
  await chenNote.getByRole("button", { name: "Mark as key event" }).click();
  await expect(chen.getByTestId("timeline").locator('li[data-key-event="true"]')).toContainText("Rolled back the config push.");

  // Chen publishes a stakeholder update; Ben sees it live, and the status page lists it.
  const updates = chen.getByTestId("stakeholder-updates");
  await updates.getByText("Write a stakeholder update").click();
  await updates.getByLabel("Impact").fill("Checkout slow for some EU customers");
  await updates.getByLabel("Message").fill("Config push rolled back; error rate recovering.");
  await updates.getByRole("button", { name: "Publish update" }).click();
  heldRefreshes.release();
  await expect(ben.getByTestId("stakeholder-updates").getByTestId("stakeholder-update")).toContainText("Config push rolled back; error rate recovering.");
  await expect(ben.getByTestId("timeline")).toContainText("published a stakeholder update (Investigating)");
  await ben.getByTestId("stakeholder-updates").getByRole("link", { name: "Status page" }).click();
  await expect(ben.getByTestId("stakeholder-update")).toContainText("Checkout slow for some EU customers");
  await ben.goto(roomUrl);
  await screenshot(ben, "room-live-en");

  // Ben's page loses its stream (the server ends streams after 3 s here, and the network refuses
  // the reconnection); changes made meanwhile arrive once it reconnects.
  await ben.route("**/events?**", (route) => route.abort("internetdisconnected"));
  await expect(ben.getByTestId("live-status")).toHaveAttribute("data-connected", "false");
  await expect(ben.getByTestId("live-status")).toHaveText("Reconnecting…");
  await chen.getByRole("textbox", { name: "Add a note to the timeline" }).fill("Error rate back under 0.1%.");
  await chen.getByRole("button", { name: "Add note" }).click();
  await expect(chen.getByTestId("timeline")).toContainText("Error rate back under 0.1%.");
  await ben.unroute("**/events?**");
  await expect(ben.getByTestId("live-status")).toHaveAttribute("data-connected", "true", { timeout: 15_000 });
  await expect(ben.getByTestId("timeline")).toContainText("Error rate back under 0.1%.");

  await benContext.close();
  await chenContext.close();
});

test("a page whose stream is refused with an error (the database away) keeps trying, and catches up once it is answered", async ({ browser }) => {
  const benContext = await browser.newContext();
  const chenContext = await browser.newContext();
  const ben = await benContext.newPage();
  const chen = await chenContext.newPage();
  await signIn(ben, DEMO.ben);
  await signIn(chen, DEMO.chen);
  await ben.getByRole("link", { name: "Declare incident" }).click();
  await ben.getByLabel("What is happening?").fill("Stream refused while the database restarts");
  await ben.getByRole("button", { name: "Declare incident" }).click();
  await expect(ben.getByTestId("live-status")).toHaveAttribute("data-connected", "true");
  await chen.goto(ben.url());

  // What the server answers while PostgreSQL is unreachable: the browser's EventSource gives up on it.
  await ben.route("**/events?**", (route) =>
    route.fulfill({ status: 503, headers: { "retry-after": "5", "content-type": "application/json" }, body: '{"error":"database_unavailable"}' }),
  );
  await expect(ben.getByTestId("live-status")).toHaveText("Reconnecting…", { timeout: 15_000 });
  await chen.getByRole("textbox", { name: "Add a note to the timeline" }).fill("Database back after the fail-over.");
  await chen.getByRole("button", { name: "Add note" }).click();
  await expect(chen.getByTestId("timeline")).toContainText("Database back after the fail-over.");

  await ben.unroute("**/events?**");
  await expect(ben.getByTestId("live-status")).toHaveAttribute("data-connected", "true", { timeout: 30_000 });
  await expect(ben.getByTestId("timeline")).toContainText("Database back after the fail-over.");
  await benContext.close();
  await chenContext.close();
});
