/**
 * Every peer benchmark Hearth knows, in the order `hearth envs list` shows them.
 * TODO(lead): add twxPeer (envs/twx/twx.ts) and scienceworldPeer (envs/scienceworld/scienceworld.ts)
 * once those files exist.
 */
import type { PeerDefinition } from './peer-definition.ts';
import { alfworldPeer } from '../alfworld/alfworld.ts';

export const ALL_PEERS: PeerDefinition[] = [alfworldPeer];
