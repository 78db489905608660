import { describe, expect, it } from "vitest";
import { bodyText, classify } from "../../src/domain/classify";
import { buildBuyerIndex, matchSender } from "../../src/domain/matching";
import { cleanSubject, extractQuantity, guessLanguage, summarize } from "../../src/domain/text";
import { CORPUS, CORPUS_CONTEXT } from "../fixtures/corpus/messages";

describe("C2: intake corpus — every message gets a defined outcome with a why", () => {
  it("has at least 40 messages", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = classify(c.facts, CORPUS_CONTEXT);
    expect(result.why.length).toBeGreaterThan(5);
    expect(result.why.length).toBeLessThan(300);
    const { parsed, ...expectedRest } = c.expected as { parsed?: Record<string, string> };
    expect(result).toMatchObject(expectedRest);
    if (parsed && result.kind === "platform") expect(result.parsed).toMatchObject(parsed);
    // Downstream helpers must cope with every message too.
    const text = bodyText(c.facts);
    expect(typeof summarize(text)).toBe("string");
    expect(typeof cleanSubject(c.facts.subject)).toBe("string");
    if (c.language) expect(guessLanguage(text)).toBe(c.language);
  });

  it("classifies the whole corpus quickly", () => {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) for (const c of CORPUS) classify(c.facts, CORPUS_CONTEXT);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("R22: intake corpus against a small buyer book", () => {
  const index = buildBuyerIndex([
    {
      id: "B-0101",
      email: "john.carter@brightway-electric.com",
      company: "Brightway Electric Inc.",
      name: "John Carter",
    },
    { id: "B-0102", email: "12345678@qq.com", company: "", name: "王先生" },
    { id: "B-0103", email: "info@gulfstar.ae", company: "Gulf Star Trading L.L.C.", name: "Ahmed Al-Farsi" },
  ]);
  const byName = new Map(CORPUS.map((c) => [c.name, c]));
  const senderOf = (name: string) => {
    const c = byName.get(name);
    if (!c?.facts.from) throw new Error(`no case ${name}`);
    return c.facts.from;
  };

  it("a known buyer's reply matches by address, a colleague's new address by company domain", () => {
    expect(matchSender(index, senderOf("a buyer's reply in the thread"))).toMatchObject({
      kind: "email",
      buyerId: "B-0101",
    });
    expect(matchSender(index, senderOf("a buyer writes again from a new address at the same company"))).toMatchObject({
      kind: "domain",
      buyerId: "B-0101",
    });
    expect(matchSender(index, senderOf("Chinese reply in the thread (回复:)"))).toMatchObject({
      kind: "email",
      buyerId: "B-0102",
    });
    expect(matchSender(index, senderOf("English inquiry from gmail")).kind).toBe("none");
  });

  it("a platform inquiry matches by the parsed company, and its quantity is readable", () => {
    const c = byName.get("Alibaba.com inquiry notification");
    const r = c && classify(c.facts, CORPUS_CONTEXT);
    if (r?.kind !== "platform") throw new Error("expected a platform notification");
    const m = matchSender(index, {
      address: r.parsed.email ?? "",
      name: r.parsed.buyerName,
      company: r.parsed.company,
    });
    expect(m).toMatchObject({ kind: "company", buyerId: "B-0103" });
    expect(extractQuantity(r.parsed.quantity)).toMatchObject({ amount: 2000, unit: "pcs" });
  });
});
