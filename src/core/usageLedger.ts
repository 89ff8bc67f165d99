// Per-day counts of requests, billed tokens, and suggestions shown and accepted, kept on
// this machine only. Storage is injected so the ledger stays testable without VS Code.

export interface DayUsage {
  /** Local date, YYYY-MM-DD. */
  day: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  shown: number;
  accepted: number;
  /** Estimated dollars, by the prices in force when the tokens were billed. */
  cost: number;
}

export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

type Thenable<T> = PromiseLike<T>;

export interface Price {
  /** Dollars per million prompt tokens. */
  input: number;
  /** Dollars per million completion tokens. */
  output: number;
}

const STORAGE_KEY = 'ghostComplete.usage';
const KEEP_DAYS = 30;

export function localDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

export function costOf(promptTokens: number, completionTokens: number, price: Price | undefined): number {
  if (!price) return 0;
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}

export class UsageLedger {
  constructor(
    private readonly store: KeyValueStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  recordRequest(usage: { prompt_tokens: number; completion_tokens: number } | undefined, price: Price | undefined): Promise<void> {
    return this.change((day) => {
      day.requests++;
      if (usage) {
        day.promptTokens += usage.prompt_tokens;
        day.completionTokens += usage.completion_tokens;
        day.cost += costOf(usage.prompt_tokens, usage.completion_tokens, price);
      }
    });
  }

  recordShown(): Promise<void> {
    return this.change((day) => day.shown++);
  }

  recordAccepted(): Promise<void> {
    return this.change((day) => day.accepted++);
  }

  today(): DayUsage {
    const key = localDay(this.now());
    return this.days().find((d) => d.day === key) ?? emptyDay(key);
  }

  /** The kept days, oldest first (at most 30). */
  days(): DayUsage[] {
    const stored = this.store.get<DayUsage[]>(STORAGE_KEY);
    return Array.isArray(stored) ? stored.filter(isDayUsage) : [];
  }

  private change(apply: (day: DayUsage) => void): Promise<void> {
    const key = localDay(this.now());
    const days = this.days();
    let day = days.find((d) => d.day === key);
    if (!day) {
      day = emptyDay(key);
      days.push(day);
    }
    apply(day);
    days.sort((a, b) => a.day.localeCompare(b.day));
    return Promise.resolve(this.store.update(STORAGE_KEY, days.slice(-KEEP_DAYS)));
  }
}

function emptyDay(day: string): DayUsage {
  return { day, requests: 0, promptTokens: 0, completionTokens: 0, shown: 0, accepted: 0, cost: 0 };
}

function isDayUsage(value: unknown): value is DayUsage {
  return typeof value === 'object' && value !== null && typeof (value as DayUsage).day === 'string';
}

export function formatUsage(day: DayUsage): string {
  const rate = day.shown > 0 ? ` (${Math.round((100 * day.accepted) / day.shown)}% accepted)` : '';
  return (
    `${day.day}: ${day.requests} requests, ${day.promptTokens + day.completionTokens} tokens ` +
    `(${day.promptTokens} in / ${day.completionTokens} out), ${day.shown} shown, ${day.accepted} accepted${rate}, ` +
    `≈ $${day.cost.toFixed(4)}`
  );
}
