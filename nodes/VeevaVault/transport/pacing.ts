// How this n8n process paces its requests to each Vault (by origin), whichever item, execution or
// node sends them: at most MAX_REQUESTS_IN_FLIGHT at once, and all of them paused together when
// one meets a rate limit or the burst limit is nearly spent.
import type { Logger } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { BurstInfo } from './envelope';

/** Vault runs at most this many File Staging requests at once; this process sends no more to one Vault. */
export const MAX_REQUESTS_IN_FLIGHT = 10;

/** A counted gate: at most `size` holders at once, the others wait their turn in order. */
class Slots {
	private free: number;
	private readonly waiting: Array<() => void> = [];

	constructor(size: number) {
		this.free = size;
	}

	/** Waits for a slot; the function it returns gives the slot back (once, however often called). */
	async take(): Promise<() => void> {
		if (this.free > 0) this.free--;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		let given = false;
		return () => {
			if (given) return;
			given = true;
			const next = this.waiting.shift();
			if (next) next();
			else this.free++;
		};
	}
}

const inFlightByVault = new Map<string, Slots>();

/** Waits for one of the Vault's request slots; the function it returns gives it back. */
export async function takeRequestSlot(origin: string): Promise<() => void> {
	let slots = inFlightByVault.get(origin);
	if (!slots) {
		slots = new Slots(MAX_REQUESTS_IN_FLIGHT);
		inFlightByVault.set(origin, slots);
	}
	return await slots.take();
}

/**
 * When each Vault (by origin) may be sent to again. A rate limit that one request meets, or a
 * burst limit nearly spent, pauses every request of this n8n process to that Vault, not each on
 * its own: parallel items and executions back off together.
 */
const pausedUntil = new Map<string, number>();

/** Pauses every request to the Vault for `ms` (or longer, if a longer pause is on already). */
export function pauseRequestsTo(origin: string, ms: number): void {
	pausedUntil.set(origin, Math.max(pausedUntil.get(origin) ?? 0, Date.now() + ms));
}

export async function waitWhilePaused(origin: string): Promise<void> {
	for (let wait = (pausedUntil.get(origin) ?? 0) - Date.now(); wait > 0; wait = (pausedUntil.get(origin) ?? 0) - Date.now()) await sleep(wait);
}

export const LOW_BURST_PACING = {
	/** Below this share of the burst limit, requests slow down together and log a warning. */
	share: 0.1,
	/** How long every request to a Vault waits while its burst limit is nearly spent, unless
	 * Vault says how long it delays answers (X-VaultAPI-ResponseDelay). */
	pauseMs: 500,
};

/** Pauses every request to the Vault while the answer says its burst limit is nearly spent. */
export function slowDownWhenBurstLow(origin: string, burst: BurstInfo, logger: Logger | undefined): void {
	if (!burst.limit || burst.remaining === null || burst.remaining >= burst.limit * LOW_BURST_PACING.share) return;
	const pauseMs = burst.responseDelayMs || LOW_BURST_PACING.pauseMs;
	pauseRequestsTo(origin, pauseMs);
	logger?.warn(
		`Vault burst limit nearly used: ${burst.remaining} of ${burst.limit} calls left in this window${burst.responseDelayMs ? `; Vault is delaying responses by ${burst.responseDelayMs} ms` : ''}; requests to this Vault pause ${pauseMs} ms`,
	);
}
