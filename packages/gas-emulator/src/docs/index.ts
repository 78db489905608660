export { EmulatedDocument, EmulatedDocumentApp } from "./document-app";
export { Attribute, ElementType, GlyphType, HorizontalAlignment, ParagraphHeading } from "./enums";
export { docToDocx } from "./export-docx";
export { docToHtml, escapeHtml } from "./export-html";
export { ACTION_NOT_ALLOWED, DOCUMENT_CLOSED } from "./handle";
export { DocModel } from "./model";
