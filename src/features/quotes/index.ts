/** Quotes, samples, letters to buyers and the product library. This file is the feature's public surface: other folders import only from here. */

export {
  buyerFacts,
  buyerLanguage,
  companyOf,
  draftForBuyer,
  LetterError,
  renderedOrRefuse,
  senderFacts,
} from "./letter-context";
export { LETTER_HANDLERS } from "./letter-handlers";
export type { DraftedLetter, LetterKind, LetterPreview } from "./letters";
export { PRODUCT_HANDLERS } from "./product-handlers";
export { QUOTE_HANDLERS, type QuoteOptions } from "./quote-handlers";
export { expireQuotes, type QuotePreview, type SavedQuote } from "./quotes";
export { SAMPLE_HANDLERS, type SampleRequestedView } from "./sample-handlers";
export type { BuyerSample } from "./samples";
export {
  checkTemplates,
  type EditedOldRow,
  loadMailTemplates,
  retireOldTemplates,
  seedTemplates,
  templateIssueText,
  templateProblemsInRows,
  templateSeedRows,
} from "./templates";
