import * as tf from '@tensorflow/tfjs';

/**
 * The new classification head. `model` is what gets exported (it ends in softmax); training
 * goes through `logits()` so dropout can use our seeded masks and the loss sees raw logits.
 */
export interface Head {
  model: tf.Sequential;
  logits(x: tf.Tensor2D, dropoutMask?: (shape: number[]) => tf.Tensor): tf.Tensor2D;
  kernels(): tf.LayerVariable[];
  dispose(): void;
}

export function buildHead(
  featureSize: number,
  numClasses: number,
  hiddenUnits: number,
  dropout: number,
  seed: number,
): Head {
  const layers: tf.layers.Layer[] = [];
  let hidden: tf.layers.Layer | null = null;
  if (hiddenUnits > 0) {
    hidden = tf.layers.dense({
      units: hiddenUnits,
      activation: 'relu',
      inputShape: [featureSize],
      kernelInitializer: tf.initializers.heNormal({ seed }),
      name: 'head_hidden',
    });
    layers.push(hidden, tf.layers.dropout({ rate: dropout, name: 'head_dropout' }));
  } else {
    layers.push(tf.layers.dropout({ rate: dropout, inputShape: [featureSize], name: 'head_dropout' }));
  }
  const out = tf.layers.dense({
    units: numClasses,
    kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    name: 'head_logits',
  });
  layers.push(out, tf.layers.activation({ activation: 'softmax', name: 'head_softmax' }));
  const model = tf.sequential({ layers, name: 'head' });
  const apply = (layer: tf.layers.Layer, x: tf.Tensor) => layer.apply(x) as tf.Tensor2D;
  return {
    model,
    logits(x, dropoutMask) {
      let h: tf.Tensor2D = hidden ? apply(hidden, x) : x;
      if (dropoutMask && dropout > 0) h = h.mul(dropoutMask(h.shape)) as tf.Tensor2D;
      return apply(out, h);
    },
    // originalName: tfjs suffixes the variable names of a second head in the same process (kernel_1).
    kernels: () => model.layers.flatMap((l) => l.trainableWeights.filter((w) => w.originalName.endsWith('/kernel'))),
    dispose: () => {
      model.dispose();
      // An export applies this model inside a standalone one, which raises its layers' reference
      // counts, so model.dispose() alone can leave the weights alive: free them outright.
      for (const w of model.weights) if (!(w as unknown as { val: tf.Variable }).val.isDisposed) w.dispose();
    },
  };
}

/** The head's weight variables (all of them: the best-epoch snapshot must cover every value). */
export function headVariables(head: Head): tf.Variable[] {
  return head.model.weights.map((w) => (w as unknown as { val: tf.Variable }).val);
}
