/** Time one batch of cells may take to mount, lay out and paint. */
const FRAME_MS = 30;

/**
 * Raises `shown` a batch a frame until `count()` cells are shown, each batch sized from the
 * time the last one took (mount, layout and paint, read by a timer after the frame), so a
 * slow or busy machine gets smaller batches rather than longer frames. Ends by showing all
 * (`Infinity`), so cells added later show at once. Returns a function that stops it.
 */
export function revealInBatches(
  shown: { get: () => number; set: (n: number) => void },
  count: () => number,
): () => void {
  let stopped = false;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const painted = () => new Promise((resolve) => setTimeout(resolve, 0));
  void (async () => {
    let step = 4;
    await frame();
    while (!stopped && shown.get() < count()) {
      const start = performance.now();
      shown.set(shown.get() + step);
      await painted();
      const took = Math.max(1, performance.now() - start);
      step = Math.max(1, Math.min(40, Math.round((step * FRAME_MS) / took)));
      await frame();
    }
    if (!stopped) shown.set(Infinity);
  })();
  return () => (stopped = true);
}
