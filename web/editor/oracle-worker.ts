/**
 * A Web Worker that runs the oracle (scenarios/oracle/solve.ts, the search `hearth scenarios
 * solve` runs) on one world with the budget it is given, so the editor's page never waits on a
 * search. It answers one `OracleRequest` with one `OracleAnswer`; the editor ends it when the draft
 * changes before it answers.
 */
import { solveScenario, type OracleResult } from '../../scenarios/oracle/solve.ts';
import type { WorldSpec } from '../../sim/index.ts';

export interface OracleRequest {
  world: WorldSpec;
  maxStates: number;
  maxSeconds: number;
}

export type OracleAnswer = { ok: true; result: OracleResult } | { ok: false; message: string };

self.onmessage = (event: MessageEvent<OracleRequest>) => {
  const { world, maxStates, maxSeconds } = event.data;
  let answer: OracleAnswer;
  try {
    answer = { ok: true, result: solveScenario(world, { maxExpanded: Infinity, maxStates, maxSeconds }) };
  } catch (error) {
    answer = { ok: false, message: `the oracle failed on this world (${(error as Error).name}: ${(error as Error).message}); please report it` };
  }
  self.postMessage(answer);
};
