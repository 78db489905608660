import { sidebarBook, SALES } from "./bench/sidebar";
const w = sidebarBook(20000, 100000);
w.call(SALES, "bootstrap");
w.env.ctx.meter.keepLog = true;
w.env.ctx.meter.reset();
w.call(SALES, "bootstrap");
for (const r of w.env.ctx.meter.log()) if (!r.type.endsWith("local")) console.log(r.type, r.method, r.units);
console.log(w.env.ctx.meter.modeledMs());
