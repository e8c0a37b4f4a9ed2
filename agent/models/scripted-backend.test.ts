import { describe, expect, it } from 'vitest';
import { ModelError } from './model-error.ts';
import { createScriptedBackend } from './scripted-backend.ts';

const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

describe('the scripted model', () => {
  it('replays replies in order, then the fallback', async () => {
    const model = createScriptedBackend({ replies: ['a', 'b'], fallback: 'z' });
    const texts = [];
    for (let call = 0; call < 4; call += 1) texts.push((await model.generate(ask)).text);
    expect(texts).toEqual(['a', 'b', 'z', 'z']);
  });

  it('fails a call scripted as an error, and fails clearly when the script runs out', async () => {
    const model = createScriptedBackend({ replies: [{ error: 'timeout' }] });
    await expect(model.generate(ask)).rejects.toMatchObject({ reason: 'timeout' });
    await expect(model.generate(ask)).rejects.toThrow(/no reply left \(call 2\)/);
  });

  it('keeps a constrained answer inside the choices', async () => {
    const model = createScriptedBackend({ replies: ['7'] });
    expect((await model.generate({ ...ask, choices: ['1', '2'] })).text).toBe('1');
  });

  it('returns the scripted scores per candidate, 0 for the rest', async () => {
    const model = createScriptedBackend({ replies: [], scores: [{ b: -0.5 }] });
    const { scores } = await model.scoreChoices({ ...ask, candidates: ['a', 'b'] });
    expect(scores.map((score) => score.logProb)).toEqual([0, -0.5]);
  });

  it('rejects a malformed script with what was expected', () => {
    expect(() => createScriptedBackend({ replies: [42] } as never)).toThrow(ModelError);
    expect(() => createScriptedBackend({ replies: [42] } as never)).toThrow(/replies.0.*Expected \{"replies"/);
  });
});
