/**
 * Dates of MOJO2 pipelines: `%Y-%m-%d` text (the only format a case exercises) to days since
 * 1970-01-01, and the date parts a case exercises (year, day of year).
 */
import type { Step } from '../program.ts';

/**
 * An input text that is none of the pipeline's strings but reads as a date is encoded as
 * days + DATE_TEXT_OFFSET: never an integer, so never a string code (>= 0) or UNSEEN_TEXT.
 */
export const DATE_TEXT_OFFSET = 0.5;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a `%Y-%m-%d` text, or NaN (not a date, or no such day). */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m === null) return Number.NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return Number.NaN;
  return t / 86_400_000;
}

/** Date parts by DAI's code: 1 year, 7 day of year (the ones a case exercises). */
export const DATE_PART_NAMES: Readonly<Record<number, string>> = {
  1: 'year',
  2: 'quarter',
  3: 'month',
  4: 'week',
  5: 'weekday',
  6: 'day of month',
  7: 'day of year',
};

export class DatePartStep implements Step {
  private readonly date = new Date(0);

  constructor(
    private readonly part: 1 | 7,
    private readonly input: number,
    private readonly output: number,
  ) {}

  run(f: Float64Array): void {
    const days = f[this.input];
    if (days !== days) {
      f[this.output] = Number.NaN;
      return;
    }
    const d = this.date;
    d.setTime(days * 86_400_000);
    const year = d.getUTCFullYear();
    f[this.output] = this.part === 1 ? year : Math.floor((days * 86_400_000 - Date.UTC(year, 0, 1)) / 86_400_000) + 1;
  }
}
