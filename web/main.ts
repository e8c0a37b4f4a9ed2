/**
 * A first browser view over the same simulator the CLI uses: the ASCII map, the feedback and the
 * valid actions as buttons. The pixi.js renderer and the live agent build on this.
 */
import { createEnvWithPhysics, twoRoomHouse } from '../sim/index.ts';

const env = createEnvWithPhysics('matter');
const reset = env.reset({ scenario: twoRoomHouse(), seed: 0 });
const map = document.querySelector<HTMLPreElement>('#map')!;
const feedback = document.querySelector<HTMLParagraphElement>('#feedback')!;
const actions = document.querySelector<HTMLDivElement>('#actions')!;

function show(text: string, ascii: string): void {
  map.textContent = ascii;
  feedback.textContent = text;
  actions.replaceChildren(
    ...env.validActions().map((action) => {
      const button = document.createElement('button');
      button.textContent = action;
      button.onclick = () => {
        const result = env.step(action);
        show(`${result.feedback}${result.terminated ? ' — goal reached!' : ''}`, result.observation.ascii);
      };
      return button;
    }),
  );
}

show(`Goal: ${reset.goal.text}. ${reset.observation.text}`, reset.observation.ascii);
