import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../backbones/backbone';
import type { Head } from './head';

/** Class probabilities for one decoded image with a trained head. */
export function predictProbabilities(backbone: Backbone, head: Head, input: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(
    () => tf.softmax(head.logits(backbone.extract(input.expandDims(0) as tf.Tensor4D))).squeeze([0]) as tf.Tensor1D,
  );
}
