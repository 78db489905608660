import { describe, expect, it } from "vitest";
import { bodyText, classify } from "../../src/domain/classify";
import { cleanSubject, guessLanguage, summarize } from "../../src/domain/text";
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
