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
    /** A key of DATE_PART_NAMES. */
    private readonly part: number,
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
    f[this.output] = datePart(this.part, d, days, year);
  }
}

/** Year, day of year (pinned by G5); quarter, month, day of month, Python's weekday (Monday 0) and the ISO week (unverified). */
function datePart(part: number, d: Date, days: number, year: number): number {
  switch (part) {
    case 1:
      return year;
    case 2:
      return Math.floor(d.getUTCMonth() / 3) + 1;
    case 3:
      return d.getUTCMonth() + 1;
    case 4: {
      // ISO week: the week (Monday first) holding this week's Thursday.
      const weekday = (d.getUTCDay() + 6) % 7;
      const thursday = Math.floor(days) - weekday + 3;
      const ty = new Date(thursday * 86_400_000).getUTCFullYear();
      return Math.floor((thursday - Date.UTC(ty, 0, 1) / 86_400_000) / 7) + 1;
    }
    case 5:
      return (d.getUTCDay() + 6) % 7;
    case 6:
      return d.getUTCDate();
    default:
      return Math.floor(days - Date.UTC(year, 0, 1) / 86_400_000) + 1;
  }
}
