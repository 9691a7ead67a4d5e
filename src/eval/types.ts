/** What an evaluation prints: text for people and one JSON object for machines. */
export interface EvalResult {
  text: string;
  json: Record<string, unknown>;
}

export interface EvalOptions {
  data: string;
  format?: string;
  limit?: number;
}

export interface EvalTask {
  description: string;
  run(opts: EvalOptions): Promise<EvalResult>;
}
