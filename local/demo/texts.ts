/** Mail texts of the demo: what buyers write, in their language, and what the platforms send. */
import { COMPANY_NAME, type DemoProduct } from "./company";
import type { Person } from "./people";

export interface InquiryText {
  subject: string;
  text: string;
}

export interface InquiryFacts {
  person: Person;
  product: DemoProduct;
  quantity: number;
  /** A buyer we have sold to before (re-order tone). */
  known: boolean;
  salesFirst: string;
  variant: number;
}

const PORTS: Record<string, string> = {
  Mexico: "Manzanillo",
  Chile: "San Antonio",
  Brazil: "Santos",
  France: "Le Havre",
  Germany: "Hamburg",
};

export function inquiryText(f: InquiryFacts): InquiryText {
  const { person: p, product, quantity } = f;
  const qty = `${quantity.toLocaleString("en-US")} ${product.unit}`;
  const sign = `${p.name}\n${p.company}\n${p.phone}`;
  if (p.lang === "es")
    return {
      subject: `Solicitud de cotización - ${product.name}`,
      text: `Buenos días,\n\nSomos ${p.nature} en ${p.country}. Necesitamos cotización CIF ${PORTS[p.country] ?? "puerto"} de ${qty} de ${product.name} (${product.model}).\nPor favor indiquen plazo de entrega y forma de pago.\n\nSaludos,\n${sign}`,
    };
  if (p.lang === "fr")
    return {
      subject: `Demande de prix ${product.name}`,
      text: `Bonjour,\n\nPouvez-vous nous envoyer votre meilleur prix pour ${qty} de ${product.name} (${product.model}) ? Livraison au Havre.\nMerci de joindre votre catalogue.\n\nCordialement,\n${sign}`,
    };
  if (p.lang === "de")
    return {
      subject: `Anfrage ${product.model} – ${qty}`,
      text: `Guten Tag,\n\nbitte senden Sie uns ein Angebot für ${qty} ${product.name} (${product.model}), FOB Ningbo, inkl. GS-Zertifikat.\n\nMit freundlichen Grüßen\n${sign}`,
    };
  if (p.lang === "pt")
    return {
      subject: `Cotação ${product.name}`,
      text: `Bom dia,\n\nGostaríamos de receber cotação de ${qty} de ${product.name}, CIF Santos.\n\nAtenciosamente,\n${sign}`,
    };
  if (f.known)
    return {
      subject: `Re-order ${product.name} ${product.model}`,
      text: `Hi ${f.salesFirst},\n\nFollowing our last shipment, we need a new quotation for ${qty} of ${product.name}, same packing as before.\nCan you ship before the end of next month? Please also confirm the ${product.certifications} certificate is still valid.\n\nRegards,\n${sign}`,
    };
  switch (f.variant % 4) {
    case 0:
      return {
        subject: `Inquiry: ${product.name}`,
        text: `Hello,\n\nWe are a ${p.nature} in ${p.country} and are interested in your ${product.name} (${product.model}).\nPlease quote FOB Ningbo for ${qty}, with packing details and lead time.\n\nBest regards,\n${sign}`,
      };
    case 1:
      return {
        subject: `RFQ ${product.model} - ${qty}`,
        text: `Dear Sir/Madam,\n\nPlease send your catalogue and best price for ${product.name}. Our annual demand is about ${qty}.\nDo you have ${product.certifications} certificates?\n\nThanks,\n${sign}`,
      };
    case 2:
      return {
        subject: `Sample request - ${product.name}`,
        text: `Hello,\n\nCould you send 2 samples of ${product.name} (${product.model})? We will pay the courier ourselves (DHL account available).\nIf the quality is OK we plan a trial order of ${qty}.\n\n${sign}`,
      };
    default:
      return {
        subject: `Price request for ${product.name}`,
        text: `Hi,\n\nWe found ${COMPANY_NAME} on your website. What is your price for ${qty} of ${product.name}, private label, colour box packing?\nPayment T/T 30/70.\n\nBest,\n${sign}`,
      };
  }
}

export function replyText(f: InquiryFacts, salesName: string, price: string): string {
  const p = f.person;
  return `Dear ${p.first},

Thank you for your inquiry. For ${f.quantity.toLocaleString("en-US")} ${f.product.unit} of ${f.product.name} (${f.product.model}) our price is USD ${price}/${f.product.unit === "sets" ? "set" : "pc"} FOB Ningbo, lead time ${f.product.leadTime}.
Specification: ${f.product.spec}; certificates: ${f.product.certifications}. Our e-catalogue is here: ${f.product.catalogueLink}

About us: ${COMPANY_NAME}, founded 2006, total assets RMB 48 million, annual sales USD 12.5 million; ISO 9001 and BSCI audited.

Best regards,
${salesName}
${COMPANY_NAME}
Tel +86 574 8765 4321 · Fax +86 574 8765 4322 · www.acme-tools.cn`;
}

export function alibabaNotice(p: Person, product: DemoProduct, qty: string, message: string): string {
  return `Dear Supplier,

You have received a new inquiry from a buyer on Alibaba.com.

Buyer name: ${p.name}
Company: ${p.company}
Country/Region: ${p.country}
Product: ${product.name} ${product.model}
Quantity: ${qty}

Message:
${message}

Reply now: https://message.alibaba.com/msgsend/contact.htm?action=reply&id=${p.phone.replace(/\D/g, "").slice(-9)}

Alibaba.com Team
This email was sent to you as a supplier of ${COMPANY_NAME}. Manage notifications: https://notice.alibaba.com/settings`;
}

export function madeInChinaNotice(p: Person, product: DemoProduct, qty: string, message: string): string {
  return `Dear ${COMPANY_NAME},

You have a new inquiry message from Made-in-China.com.

Sender: ${p.name}
Company Name: ${p.company}
Country: ${p.country}
Product Name: ${product.name} ${product.model}
Purchase Quantity: ${qty}
E-mail: ${p.email}

Content:
${message}

Reply Now: https://membercenter.made-in-china.com/messagecenter.do?xcase=inquiry

Made-in-China.com
Focus-Technology Co., Ltd.`;
}

export function globalSourcesNotice(p: Person, product: DemoProduct, qty: string, message: string): string {
  return `Hello ${COMPANY_NAME},

You have received a new inquiry on Global Sources.

Buyer Name: ${p.name}
Company: ${p.company}
Country/Territory: ${p.country}
Product: ${product.name}
Order Quantity: ${qty}
Email: ${p.email}

Inquiry Message:
${message}

Reply to buyer: https://www.globalsources.com/inquiry/reply?id=GS${p.phone.replace(/\D/g, "").slice(-6)}
-----
Global Sources | Reliable suppliers since 1971`;
}

export function websiteForm(p: Person, product: DemoProduct, message: string): string {
  return `New submission from Contact form

Name: ${p.name}
Email: ${p.email}
Company: ${p.company}
Country: ${p.country}
Product: ${product.name}

Message:
${message}

--
This e-mail was sent from a contact form on ${COMPANY_NAME} (https://www.acme-tools.cn)`;
}

export function platformMessage(product: DemoProduct, qty: string): string {
  return `Hello, we are interested in ${product.name}. Please send your best price for ${qty} and the MOQ.\nDo you accept OEM logo? Thank you.`;
}
