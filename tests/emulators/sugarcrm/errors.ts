/** Sugar's error reply: an HTTP status and the body `{ error, error_message }`. */
export class SugarFault extends Error {
  constructor(
    readonly status: number,
    readonly label: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** The reply body Sugar sends. */
  body(): { error: string; error_message: string } {
    return { error: this.label, error_message: this.message };
  }
}
