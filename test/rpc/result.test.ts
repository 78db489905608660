import { describe, expect, it } from "vitest";
import { RpcError, refusalsAsRpc } from "../../src/app/result";
import { CampaignError } from "../../src/features/outreach/campaign";
import { QuoteError } from "../../src/features/quotes/quotes";

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error("expected a throw");
};

describe("refusalsAsRpc: a job's refusals reach the sidebar, crashes stay crashes", () => {
  it("returns what the job returns", () => {
    expect(refusalsAsRpc([QuoteError], () => 42)).toBe(42);
  });

  it("keeps a refusal's own code and message", () => {
    const e = caught(() =>
      refusalsAsRpc([QuoteError], () => {
        throw new QuoteError("not-found", "quote Q-1 is not in the Quotes sheet");
      }),
    );
    expect(e).toBeInstanceOf(RpcError);
    expect(e).toMatchObject({ code: "not-found", message: "quote Q-1 is not in the Quotes sheet" });
  });

  it("calls a refusal without a code invalid", () => {
    const e = caught(() =>
      refusalsAsRpc([QuoteError, CampaignError], () => {
        throw new CampaignError("Campaign C-1 was not found.");
      }),
    );
    expect(e).toMatchObject({ code: "invalid", message: "Campaign C-1 was not found." });
  });

  it("lets any other error through unchanged", () => {
    const boom = new TypeError("x is undefined");
    expect(
      caught(() =>
        refusalsAsRpc([QuoteError], () => {
          throw boom;
        }),
      ),
    ).toBe(boom);
    const other = new CampaignError("not mine");
    expect(
      caught(() =>
        refusalsAsRpc([QuoteError], () => {
          throw other;
        }),
      ),
    ).toBe(other);
  });
});
