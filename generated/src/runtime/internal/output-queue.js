// falgen's runtime (runtime/internal/output-queue.ts), written by `falgen generate`. Do not edit.
export function outputQueue() {
	const values = [];
	let wake;
	let ended;
	return {
		push(value) {
			values.push(value);
			wake?.();
		},
		end(error) {
			ended ??= error ? { error } : {};
			wake?.();
		},
		get ended() {
			return ended;
		},
		iterator(onStop) {
			return {
				async next() {
					for (;;) {
						if (values.length > 0) return {
							done: false,
							value: values.shift()
						};
						if (ended?.error) throw ended.error;
						if (ended) return {
							done: true,
							value: undefined
						};
						await new Promise((resolve) => wake = resolve);
						wake = undefined;
					}
				},
				async return() {
					onStop();
					return {
						done: true,
						value: undefined
					};
				}
			};
		}
	};
}
