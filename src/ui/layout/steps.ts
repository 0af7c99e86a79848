export const STEPS = ['data', 'model', 'train', 'evaluate', 'deploy'] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_LABEL: Record<StepId, string> = {
  data: 'Data',
  model: 'Model',
  train: 'Train',
  evaluate: 'Evaluate',
  deploy: 'Deploy',
};
