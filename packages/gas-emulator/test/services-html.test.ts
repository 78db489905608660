import { describe, expect, it } from "vitest";
import { GasContext, HtmlService } from "../src/index";

/**
 * Contract for HtmlService. References: developers.google.com/apps-script/reference/html/html-service,
 * .../html-output and developers.google.com/apps-script/guides/html/templates (scriptlets).
 * The missing-file message is the one Apps Script prints ("No HTML file named Index was found.").
 */
interface HtmlWorld {
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  calls(type: string): number;
}

function makeEmulator(): HtmlWorld {
  const ctx = new GasContext();
  const files = {
    Sidebar: "<h1>Orders</h1>",
    Page: "<p><?= title ?></p><? for (const n of items) { ?><li><?!= n ?></li><? } ?>",
  };
  return {
    HtmlService: new HtmlService(ctx, { files }) as unknown as GoogleAppsScript.HTML.HtmlService,
    calls: (type) => ctx.meter.callsOf(type),
  };
}

describe.each([["emulator", makeEmulator]])("HtmlService contract (%s)", (_name, make) => {
  it("createHtmlOutput builds content with append, title and size", () => {
    const out = make()
      .HtmlService.createHtmlOutput("<b>a</b>")
      .append("<i>b</i>")
      .setTitle("My Tool")
      .setWidth(300)
      .setHeight(200);
    expect(out.getContent()).toBe("<b>a</b><i>b</i>");
    expect(out.getTitle()).toBe("My Tool");
    expect([out.getWidth(), out.getHeight()]).toEqual([300, 200]);
    expect(out.setContent("x").getContent()).toBe("x");
    expect(make().HtmlService.createHtmlOutput().getContent()).toBe("");
  });

  it("createHtmlOutputFromFile reads a project file, with or without .html", () => {
    const { HtmlService } = make();
    expect(HtmlService.createHtmlOutputFromFile("Sidebar").getContent()).toBe("<h1>Orders</h1>");
    expect(HtmlService.createHtmlOutputFromFile("Sidebar.html").getContent()).toBe("<h1>Orders</h1>");
  });

  it("a missing file fails with Apps Script's message", () => {
    expect(() => make().HtmlService.createHtmlOutputFromFile("Index")).toThrow("No HTML file named Index was found.");
  });

  it("templates print escaped with <?= ?>, raw with <?!= ?>, and run code in <? ?>", () => {
    const t = make().HtmlService.createTemplateFromFile("Page");
    t.title = "<Acme>";
    t.items = ["<b>1</b>", "2"];
    expect(t.evaluate().getContent()).toBe("<p>&lt;Acme&gt;</p><li><b>1</b></li><li>2</li>");
  });

  it("sandbox and X-Frame-Options enums are accepted", () => {
    const { HtmlService } = make();
    const out = HtmlService.createHtmlOutput("x")
      .setSandboxMode(HtmlService.SandboxMode.IFRAME)
      .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
    expect(out.getContent()).toBe("x");
    expect(String(HtmlService.SandboxMode.IFRAME)).toBe("IFRAME");
  });

  it("meters output creation as Html.create", () => {
    const w = make();
    w.HtmlService.createHtmlOutput("a");
    w.HtmlService.createHtmlOutputFromFile("Sidebar");
    expect(w.calls("Html.create")).toBe(2);
  });
});
