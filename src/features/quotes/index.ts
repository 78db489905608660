/** Quotes, samples and the product library. This file is the feature's public surface: other folders import only from here. */
export { PRODUCT_HANDLERS } from "./product-handlers";
export { QUOTE_HANDLERS, type QuoteOptions } from "./quote-handlers";
export { expireQuotes, type QuotePreview, type SavedQuote, seedTemplates } from "./quotes";
export { SAMPLE_HANDLERS, type SampleRequestedView } from "./sample-handlers";
export type { BuyerSample } from "./samples";
