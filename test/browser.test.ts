/**
 * Opens the HTML report in headless Chromium (Debian's `chromium`, driven by playwright-core),
 * checks that every section is there and visible, and saves screenshots to a temp folder.
 * Skipped, with a message, only when /usr/bin/chromium is missing outside CI; on CI
 * (CI=true) a missing browser fails the test.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it, type TestContext } from "node:test";
import { HTML_SECTIONS, renderHtml } from "../src/explain/html.js";
import { ankaraFixture } from "./story-fixture.js";
import { EXAMPLES, runCli, tempDir } from "./helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ON_CI = process.env.CI === "true";
const hasChromium = existsSync(CHROMIUM);
const skip = !hasChromium && !ON_CI ? `${CHROMIUM} is missing (apt-get install -y chromium); not on CI, so the browser test is skipped` : false;

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

type Page = import("playwright-core").Page;

/** Opens a report in a fresh browser profile, runs `check`, and screenshots the whole page. */
async function withPage(t: TestContext, file: string, shot: string, check: (page: Page) => Promise<void>): Promise<void> {
  assert.ok(hasChromium, `${CHROMIUM} is missing: CI must install it (.ci/run does)`);
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "crosscheck-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`file://${file}`);
    await check(page);
    await page.screenshot({ path: shot, fullPage: true });
    t.diagnostic(`screenshot: ${shot}`);
    assert.deepEqual(requests, [`file://${file}`], "the page loads nothing but itself");
    assert.deepEqual(problems, [], "no console errors (e.g. Content-Security-Policy violations)");
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function checkSections(page: Page): Promise<void> {
  for (const s of HTML_SECTIONS) {
    const section = page.locator(`section#${s.id}`);
    assert.equal(await section.count(), 1, `section #${s.id} is in the page`);
    assert.ok(await section.isVisible(), `section #${s.id} is visible`);
    assert.equal((await section.locator("h2").first().innerText()).trim(), s.title, `section #${s.id} has its heading`);
    assert.ok((await section.innerText()).trim().length > s.title.length, `section #${s.id} says something`);
    assert.equal(await page.locator(`nav a[href="#${s.id}"]`).count(), 1, `the nav links to #${s.id}`);
  }
}

describe("report.html in headless Chromium", { skip }, () => {
  const shots = mkdtempSync(join(tmpdir(), "crosscheck-screens-"));

  it("the report of examples/ankara-2016 shows every section", async (t) => {
    const out = tempDir();
    const r = runCli(["analyze", EXAMPLES, "--no-db", "--out", out, "--quiet"]);
    assert.equal(r.code, 0, r.stderr);
    await withPage(t, join(out, "report.html"), join(shots, "ankara-report.png"), async (page) => {
      await checkSections(page);
      assert.equal(await page.locator("article").count(), 3);
      assert.ok(await page.locator("article del").first().isVisible(), "removed boilerplate is shown struck through");
    });
  });

  it("a story with entities, events, quotes, claims and profiles is drawn", async (t) => {
    const fx = await ankaraFixture();
    const dir = tempDir();
    const file = join(dir, "report.html");
    writeFileSync(file, renderHtml(fx.report));
    await withPage(t, file, join(shots, "story-report.png"), async (page) => {
      await checkSections(page);
      const svg = page.locator("#entity-graph svg");
      assert.ok(await svg.isVisible());
      const box = (await svg.boundingBox())!;
      assert.ok(box.width > 500 && box.height > 250, `the graph is drawn large enough (${box.width}x${box.height})`);
      const graph = fx.story.results.graph as { nodes: { id: string }[]; edges: { source: string; target: string }[] };
      const linked = graph.nodes.filter((n) => graph.edges.some((e) => e.source === n.id || e.target === n.id)).length;
      assert.equal(await svg.locator("circle").count(), Math.min(40, linked));
      assert.ok(await page.locator("#entity-graph svg text", { hasText: "Andrei Karlov" }).isVisible());
      assert.ok(await page.locator("#quotes h4", { hasText: "Vladimir Putin" }).isVisible());
      assert.ok(await page.locator("#sources table.matrix td.contradicts").first().isVisible());
      assert.ok(await page.locator("#sources table.profiles").isVisible());
      assert.ok(await page.locator("#articles span.gb").first().isVisible(), "garbled text is highlighted");
      assert.ok(await page.locator("#articles span.ent-PER").first().isVisible(), "entities are highlighted");
    });
  });
});
