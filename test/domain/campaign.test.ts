import { describe, expect, it } from "vitest";
import {
  CAMPAIGN_KINDS,
  campaignFooter,
  DEFAULT_TEMPLATES,
  isUnsubscribeRequest,
  mailLanguage,
  reconcileMarker,
  refInBody,
  renderTemplate,
} from "../../src/domain/campaign";

describe("campaign templates (R11, R12, R15, R16, R25)", () => {
  it("fills merge fields, fallbacks, and reports unknown and empty fields", () => {
    const r = renderTemplate(
      "Dear {{name|Sir}}, {{company}} in {{country}}: {{products}} from {{owner.name}} {{nope}}",
      {
        name: "",
        company: "Acme",
        country: "Germany",
        "owner.name": "Li Wei",
      },
    );
    expect(r.text).toBe("Dear Sir, Acme in Germany:  from Li Wei ");
    expect(r.unknown).toEqual(["nope"]);
    expect(r.empty).toEqual(["products"]);
  });

  it("R15: the trade-show invitation names the show, booth and dates in both languages", () => {
    const values = {
      "show.name": "Canton Fair",
      "show.booth": "11.2 C18",
      "show.dates": "15–19 April",
      "show.city": "Guangzhou",
    };
    for (const lang of ["en", "zh-CN"] as const) {
      const t = DEFAULT_TEMPLATES.show[lang];
      const subject = renderTemplate(t.subject, values).text;
      const body = renderTemplate(t.body, values).text;
      expect(subject).toContain("11.2 C18");
      expect(body).toContain("Canton Fair");
      expect(body).toContain("15–19 April");
    }
  });

  it("every default template uses only known fields", () => {
    for (const kind of CAMPAIGN_KINDS)
      for (const lang of ["en", "zh-CN"] as const) {
        const t = DEFAULT_TEMPLATES[kind][lang];
        expect(renderTemplate(t.subject + t.body, {}).unknown).toEqual([]);
      }
  });

  it("picks the buyer's language: fixed > what they write > Chinese-speaking country > Settings", () => {
    expect(mailLanguage("en", { writes: "zh", country: "China" }, "zh-CN")).toBe("en");
    expect(mailLanguage("auto", { writes: "zh", country: "Germany" }, "en")).toBe("zh-CN");
    expect(mailLanguage("auto", { writes: "de", country: "Taiwan" }, "zh-CN")).toBe("en");
    expect(mailLanguage("auto", { country: "Taiwan" }, "en")).toBe("zh-CN");
    expect(mailLanguage("", { country: "Brazil" }, "zh-CN")).toBe("zh-CN");
  });

  it("the footer carries the outbox reference that Sent-mail reconciliation looks for", () => {
    expect(refInBody(`Hello${campaignFooter("en", "O-000042")}`)).toBe("O-000042");
    expect(refInBody(`你好${campaignFooter("zh-CN", "O-000007")}`)).toBe("O-000007");
    expect(refInBody("no ref here")).toBeUndefined();
  });
});

describe("unsubscribe replies (R23 suppression)", () => {
  it("recognises requests in English and Chinese in the buyer's own words", () => {
    expect(isUnsubscribeRequest("Re: New products", "Please unsubscribe me.\n\nOn Mon, X wrote:\n> hi")).toBe(true);
    expect(isUnsubscribeRequest("Re: 新品推荐", "退订")).toBe(true);
    expect(isUnsubscribeRequest("Remove me from your list", "")).toBe(true);
    expect(isUnsubscribeRequest("Re: news", "Stop sending these please")).toBe(true);
  });

  it("ignores our own footer quoted below the reply", () => {
    const quoted = `Thanks, please quote 500 pcs.\n\nOn Mon, Li wrote:\n> ${campaignFooter("en", "O-1")}`;
    expect(isUnsubscribeRequest("Re: New products", quoted)).toBe(false);
    expect(
      isUnsubscribeRequest("Re: x", `Price please\n--\nTo stop receiving these e-mails, reply "unsubscribe"`),
    ).toBe(false);
  });
});

describe("exactly-once reconciliation", () => {
  it("rows found in Sent mail count as sent; the others stay queued", () => {
    const r = reconcileMarker(
      {
        sender: "li@x.cn",
        startedAt: 0,
        rows: [
          { id: "O-1", campaignId: "CM-1" },
          { id: "O-2", campaignId: "CM-1" },
        ],
      },
      new Set(["O-2"]),
    );
    expect(r).toEqual({ sent: ["O-2"], notSent: ["O-1"] });
  });
});
