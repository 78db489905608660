/**
 * The product library's server side (R4, R28, R36): register a product and its pictures. Only the boss and
 * the assistant may (`product.edit`): prices are theirs to set.
 */
import * as z from "zod/mini";
import { type HandlerTable, handler } from "../../app/handler";
import { refusalsAsRpc } from "../../app/result";
import { blobFromBase64 } from "../../gas/blob";
import { ProductError, registerPicture, registerProduct } from "./products";

const text = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));

const ProductPayload = z.object({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  model: text(100),
  spec: text(500),
  moq: z.optional(z.nullable(z.int().check(z.positive()))),
  unit: text(30),
  keyContact: text(200),
  certifications: text(300),
  parameters: text(2000),
  currency: z.optional(z.string().check(z.trim(), z.regex(/^([A-Za-z]{3})?$/, "error.field.currency"))),
  basePrice: text(40),
  tierPrices: text(300),
  leadTime: text(100),
  catalogueLink: text(500),
});

/** Pictures arrive base64-encoded from the sidebar's file input; ~6 MB of image at most per call. */
const PicturePayload = z.object({
  code: z.string().check(z.trim(), z.regex(/^P-\d{4,}$/, "error.field.id")),
  fileName: z.string().check(z.trim(), z.maxLength(200)),
  contentType: z.string().check(z.trim(), z.maxLength(100)),
  base64: z.string().check(z.minLength(1), z.maxLength(8_000_000)),
});

const asRpc = <T>(fn: () => T): T => refusalsAsRpc([ProductError], fn);

export const PRODUCT_HANDLERS = {
  registerProduct: handler({
    input: ProductPayload,
    action: "product.edit",
    write: true,
    run: (ctx, input) => asRpc(() => registerProduct(ctx.book, input, ctx.user, ctx.now)),
  }),
  registerPicture: handler({
    input: PicturePayload,
    action: "product.edit",
    write: true,
    run: (ctx, input) =>
      asRpc(() => {
        const blob = blobFromBase64(input.base64, input.contentType, input.fileName);
        if (!blob) throw new ProductError("invalid", "the picture is not valid base64");
        return registerPicture(ctx.book, input.code, blob, ctx.user, ctx.now);
      }),
  }),
} satisfies HandlerTable;
