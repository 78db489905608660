import { describe, expect, it } from "vitest";
import { bodyText, type ClassifyContext, classify, ignoreEntryFor, type MailFacts } from "../../src/domain/classify";
import { DEFAULT_PLATFORM_RULES, type PlatformRule } from "../../src/domain/platforms";
import { CORPUS_CONTEXT, mail } from "../fixtures/corpus/messages";
import { ALIBABA_INQUIRY } from "../fixtures/corpus/notifications";

const ctx = CORPUS_CONTEXT;

describe("classify", () => {
  it("R7: an unknown sender is an inquiry to answer", () => {
    const r = classify(mail({ fromRaw: "New Buyer <nb@newco-example.com>", subject: "Price?" }), ctx);
    expect(r).toEqual({
      kind: "inquiry",
      channel: "email",
      why: "message from nb@newco-example.com (answer every inquiry)",
    });
  });

  it("R22: a reply in a thread is an inquiry too, marked as a reply in the why", () => {
    const r = classify(mail({ fromRaw: "nb@newco-example.com", subject: "Re: Price?" }), ctx);
    expect(r.kind).toBe("inquiry");
    expect(r.why).toContain("reply from nb@newco-example.com");
  });

  it("C2: our own sent reply is 'own' (staff address, case-insensitive, or own domain/subdomain)", () => {
    expect(classify(mail({ fromRaw: "ANN.LI@acme-lighting.cn" }), ctx)).toMatchObject({ kind: "own" });
    expect(classify(mail({ fromRaw: "x@cn.acme-lighting.com" }), ctx).kind).toBe("own");
    expect(classify(mail({ fromRaw: "x@acme-lighting.com.evil.ru" }), ctx).kind).toBe("inquiry");
  });

  it("C2: a platform notification stays a platform notification despite Auto-Submitted and List-Unsubscribe", () => {
    const r = classify(
      mail({
        fromRaw: "feedback@service.alibaba.com",
        subject: "New inquiry",
        plainBody: ALIBABA_INQUIRY,
        headers: { "auto-submitted": "auto-generated", "list-unsubscribe": "<x>", precedence: "bulk" },
      }),
      ctx,
    );
    expect(r.kind).toBe("platform");
    if (r.kind === "platform") {
      expect(r.source).toBe("alibaba");
      expect(r.channel).toBe("platform");
      expect(r.parsed.company).toBe("Gulf Star Trading LLC");
      expect(r.why).toContain("read buyerName");
    }
  });

  it("a platform notification whose template changed still counts, and says to check the Rules sheet", () => {
    const r = classify(
      mail({ fromRaw: "feedback@service.alibaba.com", subject: "New inquiry", plainBody: "Totally new layout" }),
      ctx,
    );
    expect(r).toMatchObject({ kind: "platform", source: "alibaba", parsed: {} });
    expect(r.why).toContain("check the Rules sheet");
  });

  it("uses the rules given in the context (the Rules sheet), not only the defaults", () => {
    const rules: PlatformRule[] = [
      {
        platform: "tradekey",
        fromPattern: "tradekey.com",
        subjectPattern: "inquiry",
        field: "buyerName",
        pattern: "Buyer:",
      },
    ];
    const r = classify(mail({ fromRaw: "a@mail.tradekey.com", subject: "Inquiry #1", plainBody: "Buyer: Ali" }), {
      ...ctx,
      platformRules: rules,
    });
    expect(r).toMatchObject({ kind: "platform", source: "tradekey", parsed: { buyerName: "Ali" } });
    // …and the Alibaba defaults no longer apply when the sheet replaced them.
    expect(
      classify(mail({ fromRaw: "a@alibaba.com", subject: "New inquiry", plainBody: ALIBABA_INQUIRY }), {
        ...ctx,
        platformRules: rules,
      }).kind,
    ).toBe("inquiry");
  });

  it("a colleague's out-of-office never counts as our reply", () => {
    const r = classify(
      mail({
        fromRaw: "bob.wang@acme-lighting.cn",
        subject: "Out of Office: Re: x",
        headers: { "auto-submitted": "auto-replied" },
      }),
      ctx,
    );
    expect(r).toMatchObject({ kind: "skip", reason: "out-of-office" });
  });

  it("Auto-Submitted: no is a human message", () => {
    expect(classify(mail({ fromRaw: "a@b-example.com", headers: { "auto-submitted": "no" } }), ctx).kind).toBe(
      "inquiry",
    );
  });

  it("the ignore list beats everything else, even our own domain", () => {
    const r = classify(mail({ fromRaw: "monitor@acme-lighting.cn", subject: "Disk full" }), {
      ...ctx,
      ignoreList: ["monitor@acme-lighting.cn"],
    });
    expect(r).toEqual({ kind: "skip", reason: "ignored", why: 'on the ignore list ("monitor@acme-lighting.cn")' });
  });

  it("R26: a fax is its own channel with the 12-hour target in the why", () => {
    const r = classify(
      mail({ fromRaw: "fax@acme-lighting.cn", subject: "Fax from +86 755 2345 6789", attachmentNames: ["f.pdf"] }),
      ctx,
    );
    expect(r.kind).toBe("fax");
    expect(r.why).toContain("12 h");
  });

  it("R26: the word 'fax' alone does not make a fax", () => {
    expect(classify(mail({ fromRaw: "a@b-example.com", subject: "Fax" }), ctx).kind).toBe("inquiry");
    expect(
      classify(mail({ fromRaw: "a@b-example.com", subject: "Fax: see attached", attachmentNames: ["o.pdf"] }), ctx)
        .kind,
    ).toBe("fax");
  });

  it("bounces win over auto-reply signals", () => {
    const r = classify(
      mail({
        fromRaw: "MAILER-DAEMON@mx.example.net",
        subject: "failure notice",
        headers: { "auto-submitted": "auto-replied" },
      }),
      ctx,
    );
    expect(r).toMatchObject({ kind: "skip", reason: "bounce" });
  });

  it("never throws on an empty object or an empty context", () => {
    const empty = {} as MailFacts;
    const bare: ClassifyContext = { staffAddresses: new Set(), ownDomains: [], ignoreList: [], platformRules: [] };
    expect(classify(empty, bare)).toMatchObject({ kind: "skip", reason: "no-sender" });
    expect(classify(mail({ fromRaw: "a@b-example.com" }), bare).kind).toBe("inquiry");
    expect(
      classify(mail({ fromRaw: "a@b-example.com" }), { ...bare, platformRules: undefined as unknown as PlatformRule[] })
        .kind,
    ).toBe("inquiry");
  });

  it("reads broken rule rows without crashing (the bad row is simply not used)", () => {
    const rules = [
      { platform: "alibaba", fromPattern: "alibaba.com", field: "buyerName", pattern: "([" },
      ...DEFAULT_PLATFORM_RULES,
    ];
    const r = classify(mail({ fromRaw: "a@alibaba.com", subject: "new inquiry", plainBody: ALIBABA_INQUIRY }), {
      ...ctx,
      platformRules: rules as PlatformRule[],
    });
    expect(r).toMatchObject({ kind: "platform", parsed: { buyerName: "Ahmed Al-Farsi" } });
  });
});

describe("ignoreEntryFor", () => {
  const list = ["spam@x.com", "*@promo.example", "@y.org", "z.net", "subject:Your order * shipped", "webinar"];
  it.each([
    ["spam@x.com", "hi", "spam@x.com"],
    ["a@promo.example", "hi", "*@promo.example"],
    ["a@mail.y.org", "hi", "@y.org"],
    ["a@z.net", "hi", "z.net"],
    ["a@sub.z.net", "hi", "z.net"],
    ["a@q.com", "Your order 123 has shipped", "subject:Your order * shipped"],
    ["a@q.com", "Free WEBINAR today", "webinar"],
  ])("%s / %s -> %s", (address, subject, entry) => {
    expect(ignoreEntryFor(address, subject, list)).toBe(entry);
  });

  it("does not over-match", () => {
    expect(ignoreEntryFor("ham@x.com", "hi", list)).toBeUndefined();
    expect(ignoreEntryFor("a@notz.net", "hi", list)).toBeUndefined();
    expect(ignoreEntryFor("a@q.com", "Your order", list)).toBeUndefined();
  });
});

describe("bodyText", () => {
  it("falls back to the HTML body as text", () => {
    expect(bodyText(mail({ plainBody: "", htmlBody: "<p>Hi<br>there</p>" }))).toBe("Hi\nthere");
    expect(bodyText(mail({ plainBody: "plain", htmlBody: "<p>html</p>" }))).toBe("plain");
  });
});
