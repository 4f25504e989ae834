// A counted gate: at most `size` holders at once, the others wait their turn in order.

export class Slots {
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
