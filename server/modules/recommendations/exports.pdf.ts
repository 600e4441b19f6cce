import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { RAG_LABELS, type Rag } from '../../../contracts/recommendations.js';

// A board-ready PDF of one agency's action plan, drawn with pdfkit: a title block, the counts, then each
// recommendation with the agency's actions answering it. RAG is always written as a word; the coloured
// marker beside it only repeats it, so the page reads the same printed in black and white.

/** The plan's title block and counts, known before its recommendations are read. */
export type ActionPlanPdf = {
  partnershipName: string;
  agencyName: string;
  today: string;
  counts: { recommendations: number; open: number; onTrack: number; overdue: number; complete: number };
};

/** One recommendation with the agency's actions answering it. */
export type ActionPlanPdfRecommendation = {
  reference: string;
  title: string;
  status: string;
  priority: string;
  theme: string | null;
  sourceTitle: string;
  agreedOn: string | null;
  actions: {
    title: string;
    owner: string | null;
    dueOn: string | null;
    status: string;
    rag: Rag | null;
    overdue: boolean;
    completedOn: string | null;
    latestUpdate: { body: string; updateOn: string } | null;
  }[];
};

const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const FONTS = { regular: `${DEJAVU}/DejaVuSans.ttf`, bold: `${DEJAVU}/DejaVuSans-Bold.ttf` };

const INK = '#0b0c0c';
const GREY = '#505a5f';
const RULE = '#b1b4b6';
const RED = '#d4351c';
const RAG_COLOURS: Record<Rag, string> = { red: '#d4351c', amber: '#f47738', green: '#00703c' };
const MARGIN = { top: 56, bottom: 64, left: 56, right: 56 };
/** Longest update text printed; the rest is in Assure. */
const UPDATE_CHARS = 600;

const longDate = (d: string) =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${d}T00:00:00Z`));
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

async function* oneByOne<T>(batches: AsyncIterable<T[]>) {
  for await (const batch of batches) yield* batch;
}

/**
 * Renders the action plan to a PDF file's bytes. The recommendations arrive in batches, drawn as they
 * come, so a plan of thousands is never held as one list (the pages are, for their "Page n of N").
 */
export async function renderActionPlanPdf(
  plan: ActionPlanPdf,
  batches: AsyncIterable<ActionPlanPdfRecommendation[]>,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'en-GB',
    displayTitle: true,
    info: {
      Title: `${plan.agencyName}: action plan`,
      Author: plan.partnershipName,
      Creator: 'Assure',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // DejaVu Sans when the system has it (it covers every character people type); Helvetica otherwise.
  const haveDejaVu = fs.existsSync(FONTS.regular) && fs.existsSync(FONTS.bold);
  if (haveDejaVu) {
    doc.registerFont('body', FONTS.regular);
    doc.registerFont('bold', FONTS.bold);
  } else {
    doc.registerFont('body', 'Helvetica');
    doc.registerFont('bold', 'Helvetica-Bold');
  }
  const left = MARGIN.left;
  const width = doc.page.width - MARGIN.left - MARGIN.right;
  const bottom = () => doc.page.height - MARGIN.bottom;
  /** Starts a new page unless `height` more points fit on this one. */
  const keep = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const rule = (colour = RULE, weight = 1) => {
    doc
      .moveTo(left, doc.y)
      .lineTo(left + width, doc.y)
      .lineWidth(weight)
      .strokeColor(colour)
      .stroke();
  };

  // ---- title block ----
  doc.font('body').fontSize(12).fillColor(GREY).text(plan.partnershipName, left, MARGIN.top, { width });
  doc.moveDown(0.3);
  doc.font('bold').fontSize(26).fillColor(INK).text(plan.agencyName, { width });
  doc.font('body').fontSize(16).fillColor(INK).text('Action plan', { width });
  doc.moveDown(0.3);
  doc
    .fontSize(11)
    .fillColor(GREY)
    .text(`As at ${longDate(plan.today)}`, { width });
  doc.moveDown(0.8);
  rule(INK, 2);
  doc.moveDown(1);

  // ---- counts ----
  const boxes: [string, number, string?][] = [
    ['Recommendations', plan.counts.recommendations],
    ['Actions open', plan.counts.open],
    ['On track', plan.counts.onTrack],
    ['Overdue', plan.counts.overdue, plan.counts.overdue > 0 ? RED : undefined],
    ['Complete', plan.counts.complete],
  ];
  const gap = 6;
  const boxW = (width - gap * (boxes.length - 1)) / boxes.length;
  const boxH = 58;
  const top = doc.y;
  // One size for every label, the largest at which each fits on one line (never a word broken in two).
  let labelSize = 10;
  doc.font('body');
  while (labelSize > 7 && boxes.some(([l]) => doc.fontSize(labelSize).widthOfString(l) > boxW - 13))
    labelSize -= 0.5;
  boxes.forEach(([label, value, colour], i) => {
    const x = left + i * (boxW + gap);
    doc.rect(x, top, boxW, boxH).fillColor('#f3f2f1').fill();
    doc
      .rect(x, top, 4, boxH)
      .fillColor(colour ?? INK)
      .fill();
    doc
      .font('bold')
      .fontSize(22)
      .fillColor(colour ?? INK)
      .text(String(value), x + 12, top + 8, { width: boxW - 16, lineBreak: false });
    doc
      .font('body')
      .fontSize(labelSize)
      .fillColor(INK)
      .text(label, x + 11, top + 38, { width: boxW - 13, lineBreak: false });
  });
  doc.x = left;
  doc.y = top + boxH + 24;

  if (plan.counts.recommendations === 0) {
    doc
      .font('body')
      .fontSize(12)
      .fillColor(INK)
      .text('No agreed recommendations are addressed to this agency.', left, doc.y, { width });
  }

  // ---- recommendations and their actions ----
  for await (const rec of oneByOne(batches)) {
    const heading = `${rec.reference}  ${rec.title}`;
    doc.font('bold').fontSize(13);
    const headingH = doc.heightOfString(heading, { width });
    keep(headingH + 60);
    doc.fillColor(INK).text(heading, left, doc.y, { width });
    doc.moveDown(0.2);
    const meta = [
      `Status: ${rec.status}`,
      `Priority: ${rec.priority}`,
      rec.agreedOn ? `Agreed ${longDate(rec.agreedOn)}` : null,
    ]
      .filter(Boolean)
      .join('   ·   ');
    doc.font('body').fontSize(10).fillColor(GREY).text(meta, { width });
    doc.text(
      [rec.theme ? `Theme: ${rec.theme}` : null, `Source: ${rec.sourceTitle}`]
        .filter(Boolean)
        .join('   ·   '),
      {
        width,
      },
    );
    doc.moveDown(0.5);

    if (rec.actions.length === 0) {
      doc.font('body').fontSize(10.5).fillColor(INK).text('No action answers this recommendation yet.', {
        width,
      });
    }
    for (const a of rec.actions) {
      const indent = left + 14;
      const innerW = width - 14;
      const update = a.latestUpdate
        ? `Latest update, ${longDate(a.latestUpdate.updateOn)}: ${clip(a.latestUpdate.body, UPDATE_CHARS)}`
        : 'No progress update yet.';
      doc.font('bold').fontSize(11);
      const titleH = doc.heightOfString(a.title, { width: innerW });
      doc.font('body').fontSize(10);
      const updateH = doc.heightOfString(update, { width: innerW });
      keep(titleH + updateH + 44);

      const blockTop = doc.y;
      doc.font('bold').fontSize(11).fillColor(INK).text(a.title, indent, blockTop, { width: innerW });
      doc.moveDown(0.15);
      const facts = [
        `Owner: ${a.owner ?? 'not named'}`,
        `Due: ${a.dueOn ? longDate(a.dueOn) : 'no date'}`,
        `Status: ${a.status}${a.completedOn ? ` (${longDate(a.completedOn)})` : ''}`,
      ].join('   ·   ');
      doc.font('body').fontSize(10).fillColor(INK).text(facts, indent, doc.y, { width: innerW });

      // RAG: a coloured marker, then the word (and "Overdue" in words when it is).
      const ragY = doc.y + 2;
      if (a.rag)
        doc
          .circle(indent + 5, ragY + 5.5, 4.5)
          .fillColor(RAG_COLOURS[a.rag])
          .fill();
      else
        doc
          .circle(indent + 5, ragY + 5.5, 4)
          .lineWidth(1)
          .strokeColor(GREY)
          .stroke();
      doc
        .font('body')
        .fontSize(10)
        .fillColor(INK)
        .text(`RAG: ${a.rag ? RAG_LABELS[a.rag] : 'not set'}`, indent + 14, ragY, {
          width: innerW - 14,
          continued: a.overdue,
        });
      if (a.overdue) doc.font('bold').fillColor(RED).text('   Overdue');
      doc.moveDown(0.15);
      doc.font('body').fontSize(10).fillColor(GREY).text(update, indent, doc.y, { width: innerW });
      // A bar down the block's left edge ties the action's lines together.
      doc
        .moveTo(left + 3, blockTop)
        .lineTo(left + 3, doc.y)
        .lineWidth(2)
        .strokeColor(a.rag ? RAG_COLOURS[a.rag] : RULE)
        .stroke();
      doc.moveDown(0.7);
    }
    doc.x = left;
    doc.moveDown(0.3);
    rule();
    doc.moveDown(0.9);
  }

  // ---- page numbers, written into the bottom margin of every page ----
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN.bottom + 24;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(9)
      .fillColor(GREY)
      .text(`${plan.agencyName}: action plan, ${longDate(plan.today)}`, left, y, {
        width: width * 0.7,
        lineBreak: false,
      });
    doc.text(`Page ${i + 1} of ${range.count}`, left + width * 0.7, y, {
      width: width * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = MARGIN.bottom;
  }
  doc.end();
  return done;
}
