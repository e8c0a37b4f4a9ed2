/** A programming or configuration error in a harness: bad spec, unknown part, broken contract. */
export class HarnessError extends Error {
  override readonly name = 'HarnessError';
  constructor(
    message: string,
    readonly details: { part?: string; hook?: string; field?: string; path?: string } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
