/** What each benchmark section returns, and its rendering as Markdown. */

export interface Table {
  caption?: string;
  header: string[];
  rows: (string | number)[][];
}

/** A figure with a target: pass/fail is shown next to it. */
export interface Check {
  figure: string;
  measured: string;
  target: string;
  pass: boolean;
}

export interface SectionResult {
  id: string;
  title: string;
  /** Every figure, for `latest.json`. */
  figures: Record<string, unknown>;
  tables: Table[];
  checks: Check[];
  notes: string[];
  /** Wall-clock seconds the section took. */
  seconds?: number;
}

const cell = (value: string | number): string => String(value).replaceAll('|', '\\|').replaceAll('\n', ' ');

export const markdownTable = (table: Table): string => {
  const lines = [
    `| ${table.header.map(cell).join(' | ')} |`,
    `| ${table.header.map(() => '---').join(' | ')} |`,
    ...table.rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ];
  return table.caption ? `${table.caption}\n\n${lines.join('\n')}` : lines.join('\n');
};

export const mark = (pass: boolean): string => (pass ? '✅ pass' : '❌ miss');

/** A section as Markdown: its checks first (with pass/fail), then its tables and notes. */
export const sectionMarkdown = (section: SectionResult, level = '###'): string => {
  const parts = [`${level} ${section.title}`];
  if (section.checks.length > 0) {
    parts.push(
      markdownTable({
        header: ['figure', 'measured', 'target', ''],
        rows: section.checks.map((c) => [c.figure, c.measured, c.target, mark(c.pass)]),
      }),
    );
  }
  for (const table of section.tables) parts.push(markdownTable(table));
  if (section.notes.length > 0) parts.push(section.notes.map((n) => `- ${n}`).join('\n'));
  return parts.join('\n\n');
};
