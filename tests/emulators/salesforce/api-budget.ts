/** The org's daily API request allocation, reported in `Sforce-Limit-Info: api-usage=N/M`. */
export class ApiBudget {
  constructor(public used: number, public limit: number) {}

  /** Charges one request; false (nothing charged) when the allocation is spent. */
  tryCharge(): boolean {
    if (this.used >= this.limit) return false;
    this.used += 1;
    return true;
  }

  header(): string {
    return `api-usage=${this.used}/${this.limit}`;
  }
}
