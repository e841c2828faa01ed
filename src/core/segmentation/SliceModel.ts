/**
 * What the slice runner needs from a network: probabilities for a batch of
 * preprocessed slices. The tfjs implementation is in
 * src/core/inference/tfSliceModel.ts; tests may supply their own.
 */
export interface SliceModel {
  /** Side of the square input, pixels. */
  readonly sizePx: number;
  /** Output channels (labels). */
  readonly labelCount: number;
  /**
   * Runs the network.
   *
   * @param batch - count × sizePx × sizePx × 1 inputs (NHWC)
   * @param count - slices in the batch
   * @returns count × sizePx × sizePx × labelCount probabilities (NHWC)
   */
  predict(batch: Float32Array, count: number): Promise<Float32Array>;
}
